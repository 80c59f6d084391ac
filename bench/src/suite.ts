import type { TestServer } from "@kabinet/server/testing";

import type { LoadOptions } from "./load.ts";
import type { Measurement, Ratio, Target } from "./report.ts";
import type { Settings } from "./settings.ts";

/** What every suite is given: the running API, the settings and the run's measuring helpers. */
export interface SuiteInput {
  server: TestServer;
  settings: Settings;
  load: LoadOptions;
  measure: (run: () => Promise<Measurement>, label: string) => Promise<Measurement>;
}

/** A suite over a seeded database, measured as the super administrator. */
export interface SeededSuiteInput extends SuiteInput {
  /** The super administrator's access token. */
  adminToken: string;
  progress: (message: string) => void;
}

/** What a suite adds to the report. */
export interface SuiteResult {
  context: Record<string, string | number>;
  measurements: Measurement[];
  ratios?: Ratio[];
  targets?: Target[];
}
