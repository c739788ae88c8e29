import { Form } from "react-router";
import { useState } from "react";
import { posterSvg } from "#app/domain/poster";
import { useHydrated } from "#app/utils/use-hydrated";
import { SelectField, TextAreaField } from "./ui";
import { CsrfInput } from "#app/auth/csrf-input";
import { Field, SubmitButton } from "#app/components/forms";
import { formConstraints } from "#app/utils/form-constraints";
import { movieSchema } from "./validation";

export type MovieFormValues = {
  title: string;
  titleHi: string;
  titleKn: string;
  synopsis: string;
  runtimeMinutes: number | string;
  certificate: string;
  languages: string;
  genres: string;
  releaseDate: string;
  posterHue: number | string;
  credits: string;
  trailerUrl: string;
  ratingTenths: string;
};

export type MovieFormErrors = Partial<Record<keyof MovieFormValues, string[]>>;

const CERTS = ["U", "UA", "UA13+", "UA16+", "A"];

const fields = formConstraints(movieSchema);

/** Create and edit share one form; the poster preview is drawn in the browser from the same SVG code the server uses. */
export function MovieForm({ values, errors, submitLabel }: { values: MovieFormValues; errors?: MovieFormErrors; submitLabel: string }) {
  const hydrated = useHydrated();
  const [live, setLive] = useState(values);
  const preview = posterSvg({
    title: live.title || "Untitled",
    posterHue: Number(live.posterHue) || 0,
    certificate: live.certificate,
    genres: live.genres.split(",").map((g) => g.trim()).filter(Boolean),
  });
  const track = (key: keyof MovieFormValues) => (hydrated ? { onChange: (e: { currentTarget: { value: string } }) => setLive({ ...live, [key]: e.currentTarget.value }) } : {});
  return (
    <Form method="post" className="grid gap-6 md:grid-cols-[1fr_12rem]" noValidate>
      <div className="space-y-4">
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        <Field label="Title" errors={errors?.title} inputProps={{ name: "title", defaultValue: values.title, ...fields.title, ...track("title") }} />
        {/* Fans reading Hindi or Kannada see these; search finds the film by any of them. */}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Hindi title (optional)" errors={errors?.titleHi} inputProps={{ name: "titleHi", lang: "hi", defaultValue: values.titleHi, ...fields.titleHi }} />
          <Field label="Kannada title (optional)" errors={errors?.titleKn} inputProps={{ name: "titleKn", lang: "kn", defaultValue: values.titleKn, ...fields.titleKn }} />
        </div>
        <TextAreaField label="Synopsis" errors={errors?.synopsis} textareaProps={{ name: "synopsis", defaultValue: values.synopsis, rows: 3, ...fields.synopsis }} mono={false} />
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Runtime (minutes)" errors={errors?.runtimeMinutes} inputProps={{ name: "runtimeMinutes", type: "number", defaultValue: values.runtimeMinutes, ...fields.runtimeMinutes }} />
          <SelectField label="Certificate" errors={errors?.certificate} selectProps={{ name: "certificate", defaultValue: values.certificate, ...track("certificate") }}>
            {CERTS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </SelectField>
          <Field label="Release date" errors={errors?.releaseDate} inputProps={{ name: "releaseDate", type: "date", defaultValue: values.releaseDate, ...fields.releaseDate }} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Languages (comma-separated)" errors={errors?.languages} inputProps={{ name: "languages", defaultValue: values.languages, ...fields.languages }} />
          <Field label="Genres (comma-separated)" errors={errors?.genres} inputProps={{ name: "genres", defaultValue: values.genres, ...fields.genres, ...track("genres") }} />
        </div>
        <TextAreaField
          label="Cast and crew"
          hint='One per line: "Cast: Priya Raman as Asha", "Director: Anand Iyer" (roles: Cast, Director, Writer, Music, Producer, Cinematography).'
          errors={errors?.credits}
          textareaProps={{ name: "credits", defaultValue: values.credits, rows: 5, ...fields.credits }}
          mono={false}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Trailer link (YouTube or Vimeo)" errors={errors?.trailerUrl} inputProps={{ name: "trailerUrl", type: "url", defaultValue: values.trailerUrl, ...fields.trailerUrl, placeholder: "https://www.youtube.com/watch?v=…" }} />
          <Field label="Rating (out of 10)" errors={errors?.ratingTenths} inputProps={{ name: "ratingTenths", inputMode: "decimal", defaultValue: values.ratingTenths, ...fields.ratingTenths, placeholder: "8.4" }} />
        </div>
        <Field label="Poster colour (hue 0–359)" errors={errors?.posterHue} inputProps={{ name: "posterHue", type: "number", defaultValue: values.posterHue, ...fields.posterHue, ...track("posterHue") }} />
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
      <figure className="order-first md:order-none">
        <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(preview)}`} alt="Poster preview" width={240} height={360} className="aspect-[2/3] w-40 rounded-lg md:w-full" />
        <figcaption className="mt-1 text-xs text-slate-600">Poster, generated from the title, genres and colour.</figcaption>
      </figure>
    </Form>
  );
}
