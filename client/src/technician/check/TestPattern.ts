/** Chunk size crypto.getRandomValues accepts at once. */
const RANDOM_CHUNK = 65_536;

/**
 * A synthetic picture of moving noise, sent through the bridge in place of the camera: noise
 * cannot be compressed, so the encoder spends all the bitrate it is allowed and the loopback
 * measures what the line carries, not how little a still room happens to need.
 */
export class TestPattern {
  readonly track: MediaStreamTrack;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(width = 640, height = 360, fps = 25) {
    const noise = document.createElement('canvas');
    noise.width = width * 2;
    noise.height = height * 2;
    const pixels = new ImageData(noise.width, noise.height);
    for (let offset = 0; offset < pixels.data.length; offset += RANDOM_CHUNK) {
      crypto.getRandomValues(pixels.data.subarray(offset, offset + RANDOM_CHUNK));
    }
    noise.getContext('2d')!.putImageData(pixels, 0, 0);

    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d')!;
    const draw = () => context.drawImage(noise, -Math.floor(Math.random() * width), -Math.floor(Math.random() * height));
    draw();
    this.track = canvas.captureStream(fps).getVideoTracks()[0]!;
    this.timer = setInterval(draw, 1000 / fps);
  }

  stop(): void {
    clearInterval(this.timer);
    this.track.stop();
  }
}
