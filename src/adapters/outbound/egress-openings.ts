/**
 * Hosts the local host lets app code reach beyond the manifest's egress (`LOCAL_EGRESS_ALLOW`,
 * `host:port` list, for a receiver a test starts). On the platform it is unset and opens nothing;
 * URL checks before saving a destination or a webhook take these as extra openings.
 */
export function localEgressOpenings(): string[] {
  return (process.env.LOCAL_EGRESS_ALLOW ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
}
