import { IncomingMessage, ServerResponse } from "node:http";

import type { Express } from "express";

/**
 * node:http message classes that are already what `app` makes of its requests and responses.
 *
 * Express gives each request and response it handles its app's prototypes
 * (`Object.setPrototypeOf` in `app.handle`). In V8 an object whose prototype changes gets a new
 * hidden class, and every later property access on it, in express and in node:http alike, takes
 * the slow lookup paths: on a cheap authenticated read that was about half of all the work
 * (see README, "Performance"). node:http can build its messages from given classes; built from
 * these, each message has the app's prototypes from the start and express's change is a no-op.
 *
 * The classes' prototypes are put in front of the app's own (which keep `req.app` and express's
 * methods), and become the app's: messages of other apps are reshaped by express as before.
 *
 * Written against express 5.3.0. It relies on `app.handle` reading `app.request` and
 * `app.response` when a request comes (not once, when the app is made) and setting them as the
 * messages' prototypes; test/express-messages.test.ts fails if that changes.
 * FAST_EXPRESS_MESSAGES=false builds plain node:http messages instead (see http/server.ts).
 */
export function messageClassesFor(app: Express): {
  IncomingMessage: typeof IncomingMessage;
  ServerResponse: typeof ServerResponse;
} {
  class AppRequest extends IncomingMessage {}
  class AppResponse extends ServerResponse {}
  Object.setPrototypeOf(AppRequest.prototype, app.request);
  Object.setPrototypeOf(AppResponse.prototype, app.response);
  app.request = AppRequest.prototype as unknown as Express["request"];
  app.response = AppResponse.prototype as unknown as Express["response"];
  return { IncomingMessage: AppRequest, ServerResponse: AppResponse as typeof ServerResponse };
}
