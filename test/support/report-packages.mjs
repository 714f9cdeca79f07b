// `node --import ./test/support/report-packages.mjs …`: writes "package <name>" on standard error for each
// platform library the process imports, so a test can tell which adapters a start loaded.
import { register } from "node:module";

register("./report-packages-hooks.mjs", import.meta.url);
