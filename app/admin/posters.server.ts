import type { AppLoadContext } from "react-router";
import { eq } from "drizzle-orm";
import { validateCsrf } from "#app/auth/csrf.server";
import { movies } from "#app/db/schema.server";
import { checkPoster, POSTER_MAX_BYTES } from "#app/domain/image-sniff";
import { isWholeImage } from "#app/domain/image-whole";
import { POSTER_WIDTHS, posterVariantKey } from "#app/catalogue/poster";
import { services } from "#app/utils/context.server";
import { notFound, readForm } from "#app/utils/http.server";
import { auditEntry, requireStaff } from "./guard.server";
import { posterVariants } from "./poster-variants.server";

/** Multipart overhead allowed on top of the file itself before we refuse without reading the body. */
const FORM_SLACK = 64 * 1024;

/** A refused upload: the page re-renders with the message by the form, with the right 4xx. */
export type PosterRefusal = { ok: false; status: 400 | 413 | 415 | 422; message: string };
const refuse = (status: PosterRefusal["status"], message: string): PosterRefusal => ({ ok: false, status, message });

/**
 * An operator's poster upload: admin first, then the size from Content-Length (a huge body is
 * refused before it is read), CSRF, then the bytes themselves decide the type and dimensions. The
 * object key is the content hash, so a new poster is a new URL and the old one can be cached forever.
 */
export async function uploadPoster(request: Request, context: AppLoadContext, movieId: string): Promise<PosterRefusal | { ok: true }> {
  const s = services(context, request);
  const admin = await requireStaff(request, s, "admin");
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > POSTER_MAX_BYTES + FORM_SLACK) return refuse(413, `That file is ${(declared / 1048576).toFixed(1)} MB; posters can be at most 2 MB.`);
  const form = await readForm(request, POSTER_MAX_BYTES + FORM_SLACK);
  await validateCsrf(request, form, s);
  const movie = await s.db.select({ id: movies.id, posterKey: movies.posterKey }).from(movies).where(eq(movies.id, movieId)).get();
  if (!movie) notFound("We couldn't find that movie.");
  const file = form.get("poster");
  if (!(file instanceof File) || file.size === 0) return refuse(400, "Choose a poster image to upload.");
  if (file.size > POSTER_MAX_BYTES) return refuse(413, `That file is ${(file.size / 1048576).toFixed(1)} MB; posters can be at most 2 MB.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const checked = checkPoster(bytes);
  if (!checked.ok) return refuse(checked.status, checked.message);
  // The header is not enough: the whole file must be that one image (a PNG header then `<script>` is not).
  if (!(await isWholeImage(bytes, checked.image))) return refuse(415, "That file starts like an image but isn't one whole image (it may be cut short, damaged, or have something else appended). Export the poster again as PNG, JPEG or WebP.");

  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hash = [...digest.subarray(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const key = `posters/${movie.id}/${hash}.${checked.image.ext}`;
  await s.env.POSTERS.put(key, bytes, {
    httpMetadata: { contentType: checked.image.type, cacheControl: "public, max-age=31536000, immutable" },
    customMetadata: { width: String(checked.image.width), height: String(checked.image.height), uploadedBy: admin.id },
  });
  // Copies for narrow slots, stored before the key is switched so a page never links a missing one.
  const variants = await posterVariants(bytes, checked.image.type, checked.image.width);
  await Promise.all(
    variants.map((v) =>
      s.env.POSTERS.put(posterVariantKey(key, v.width), v.bytes, { httpMetadata: { contentType: "image/jpeg", cacheControl: "public, max-age=31536000, immutable" } }),
    ),
  );
  await s.db.batch([
    s.db.update(movies).set({ posterKey: key }).where(eq(movies.id, movie.id)),
    auditEntry(s, admin, "movie.poster", movie.id, { key, type: checked.image.type, width: checked.image.width, height: checked.image.height, bytes: bytes.length, variants: variants.map((v) => v.width) }),
  ]);
  // The previous poster's URL is no longer linked from any page.
  if (movie.posterKey && movie.posterKey !== key) s.waitUntil(s.env.POSTERS.delete(withVariants(movie.posterKey)));
  return { ok: true };
}

export async function removePoster(s: ReturnType<typeof services>, admin: { id: string }, movieId: string, key: string | null) {
  await s.db.batch([s.db.update(movies).set({ posterKey: null }).where(eq(movies.id, movieId)), auditEntry(s, admin, "movie.poster_remove", movieId)]);
  if (key) s.waitUntil(s.env.POSTERS.delete(withVariants(key)));
}

const withVariants = (key: string) => [key, ...POSTER_WIDTHS.map((w) => posterVariantKey(key, w))];
