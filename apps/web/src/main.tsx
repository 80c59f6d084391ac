import "@mantine/core/styles.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app.tsx";
import { initI18n } from "./i18n/index.ts";
import { restoreSession } from "./session/session.ts";

const root = document.getElementById("root");
if (!root) throw new Error("The page has no #root element");

// The cookie exchange starts at once, in parallel with loading the translations.
void restoreSession();
await initI18n();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
