/** The services a load added, updated and left unchanged, in words: "Added 120 services, updated 4, 3,400 unchanged". Shared by the command line, the upload page and the history. */
export function servicesInWords(counts: { servicesAdded: number; servicesUpdated: number; servicesUnchanged: number }, dryRun = false): string {
  const n = (value: number) => value.toLocaleString("en-GB");
  const { servicesAdded: added, servicesUpdated: updated, servicesUnchanged: unchanged } = counts;
  return `${dryRun ? "Would add" : "Added"} ${n(added)} service${added === 1 ? "" : "s"}, ${dryRun ? "update" : "updated"} ${n(updated)}, ${n(unchanged)} unchanged`;
}
