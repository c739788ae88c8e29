// The one Node API the Worker uses (nodejs_compat provides it); declared here so the app's types
// don't take in all of @types/node and its globals.
declare module "node:async_hooks" {
  export class AsyncLocalStorage<T> {
    getStore(): T | undefined;
    run<R>(store: T, fn: () => R): R;
  }
}
