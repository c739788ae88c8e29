import { notFound } from "#app/utils/http.server";

/** Every unmatched URL renders the root error boundary with a 404. */
export async function loader() {
  notFound();
}

export async function action() {
  notFound();
}

export default function NotFound() {
  return null;
}
