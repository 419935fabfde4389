/** The address of a series' XmR chart (the series in the query: an outcome group's name may hold a slash). */
export function signalsHref(slug: string, series: string, worker: { id: number } | null, asOf: string) {
  const params = new URLSearchParams({ series });
  if (worker) params.set("worker", String(worker.id));
  params.set("asOf", asOf);
  return `/teams/${slug}/signals?${params}`;
}
