import { templatePanes, type LayoutTemplate } from '@diemcau/shared';

const WIDTH = 64;
const HEIGHT = 36;

/** A template drawn from its own pane geometry, so the icon is always what the rooms will show. */
export function TemplateIcon({ template }: { template: LayoutTemplate }) {
  return (
    <svg className="template-icon" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} aria-hidden="true">
      {templatePanes(template).map((pane, index) => (
        <rect key={index} x={pane.x * WIDTH + 1} y={pane.y * HEIGHT + 1} width={pane.w * WIDTH - 2} height={pane.h * HEIGHT - 2} rx={1.5} />
      ))}
    </svg>
  );
}
