// A user's mistake (bad option, missing file, bad config) is a UserError: the CLI prints
// its message as one line and exits 2, never with a stack trace.
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}
