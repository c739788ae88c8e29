import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // The Cloudflare Vite plugin builds the Worker (fetch, queue, scheduled, both Durable Objects) and
  // the app as one bundle through Vite's environment API (ADR 030).
  future: { v8_viteEnvironmentApi: true },
} satisfies Config;
