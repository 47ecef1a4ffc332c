// First cut of the daily housekeeping trigger (retention purge lands with the audit-log issue).
export async function housekeeping(): Promise<void> {
  console.info('Housekeeping: nothing to do yet.');
}
