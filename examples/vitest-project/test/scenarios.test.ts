// Every scenario under scenarios/ becomes a test; a failure names the .scn line and shows
// the values the run actually had.
import { defineScenarioSuite } from "replicast/vitest";

defineScenarioSuite("scenarios");
