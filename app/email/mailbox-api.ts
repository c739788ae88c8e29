/** Where the local mailbox's Resend-compatible API lives: the `resend` client appends `/emails`. */
export const MAILBOX_API_PATH = "/dev/mailbox/api";
