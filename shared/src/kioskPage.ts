/*
 * The kiosk page carries the bridge's RTP capabilities, so that a kiosk loads its device while its socket is
 * still connecting rather than after (issue 14). `media:capabilities` on the socket stays the reference: a
 * kiosk whose page predates a change of them loads its device again. Kept apart from the zod schemas, so the
 * kiosk's first module can read it without them.
 */

/** The id of the JSON script element, in the kiosk page's head, that holds the capabilities. */
export const PAGE_CAPABILITIES_ID = 'diemcau-capabilities';

/** The element the bridge puts in the kiosk page: JSON that cannot end the script element early. */
export function pageCapabilitiesElement(capabilities: unknown): string {
  const json = JSON.stringify(capabilities).replaceAll('<', '\\u003c');
  return `<script type="application/json" id="${PAGE_CAPABILITIES_ID}">${json}</script>`;
}
