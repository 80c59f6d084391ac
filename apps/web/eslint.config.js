import { baseConfig } from "@kabinet/eslint-config/base";
import { reactConfig } from "@kabinet/eslint-config/react";

export default [...baseConfig(import.meta.dirname), ...reactConfig];
