/** The Job controller and the TTL-after-finished controller, registered together (defaultControllers.ts). */
import type { Controller } from "../../controller.ts";
import { jobController } from "./index.ts";
import { ttlAfterFinishedController } from "./ttl.ts";

export const jobControllers: readonly Controller[] = [jobController, ttlAfterFinishedController];
