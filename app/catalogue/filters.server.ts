import { showtimeOptionLists } from "#app/admin/options.server";
import { parseFilters } from "#app/domain/catalogue-filters";
import type { Db } from "#app/utils/db.server";

/**
 * The URL's catalogue filters, checked. The operator's format list is read only when a format is
 * asked for: a plain page view of a hot show's film costs no extra D1 read.
 */
export async function readCatalogueFilters(db: Db, params: URLSearchParams) {
  const formats = params.get("format") ? (await showtimeOptionLists(db)).formats : [];
  return parseFilters(params, formats);
}
