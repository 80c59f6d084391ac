import { baseConfig } from "@kabinet/eslint-config/base";

export default baseConfig(import.meta.dirname);
