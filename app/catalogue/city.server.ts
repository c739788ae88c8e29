import type { Services } from "#app/utils/context.server";
import { readCookie, serializeCookie } from "#app/utils/cookies.server";
import { notFound } from "#app/utils/http.server";
import { citySlugQuery } from "#app/utils/params";
import { listCities } from "./queries.server";

const CITY_COOKIE = "marquee_city";
const ONE_YEAR = 365 * 24 * 60 * 60;

/**
 * The fan's city: the URL wins (shareable links), else the remembered cookie, else the first city
 * with `firstVisit` set so the page can offer the picker. A city in the URL is remembered.
 */
export async function resolveCity(s: Services, request: Request, url: URL) {
  const wanted = citySlugQuery(url);
  const cities = await listCities(s.db);
  const remembered = readCookie(request, CITY_COOKIE);
  const fromCookie = remembered ? cities.find((c) => c.slug === remembered) : undefined;
  const city = wanted ? cities.find((c) => c.slug === wanted) : (fromCookie ?? cities[0]);
  if (!city) notFound(wanted ? "We don't show movies in that city yet." : "No cities yet: run `npm run db:seed`.");
  const setCookie = city.slug !== remembered && (wanted || fromCookie) ? serializeCookie(CITY_COOKIE, city.slug, { maxAgeSeconds: ONE_YEAR, secure: s.secureCookies }) : null;
  return {
    city,
    cities: cities.map((c) => ({ slug: c.slug, name: c.name })),
    firstVisit: !wanted && !fromCookie,
    headers: setCookie ? { "Set-Cookie": setCookie } : undefined,
  };
}
