// The image manager's back-off after failed pulls: pkg/kubelet/kubelet.go NewMainKubelet builds
// it as flowcontrol.NewBackOff(backOffPeriod = 10s, MaxContainerBackOff = 300s);
// pkg/kubelet/images/image_manager.go EnsureImageExists asks IsInBackOffSinceUpdate before a
// pull (Back-off pulling image, ErrImagePullBackOff) and calls Next after each failed one;
// client-go's util/flowcontrol/backoff.go does the arithmetic. The failed sync is retried by
// the pod worker 10 s later (pkg/kubelet/pod_workers.go backOffPeriod; its jitter is not
// modelled), so a pull that keeps failing is tried again 10, 20, 40, 80, 160, 300, 300 s apart.
import { describe, expect, it } from "vitest";
import {
  isInBackOffSinceUpdate,
  nextBackoff,
  type BackoffEntry,
} from "../../../src/engine/kubelet/backoff.ts";
import { IMAGE_BACKOFF, imageMessages, normalizedImageName } from "../../../src/engine/kubelet/images.ts";

/** The times of the pulls of an image that never comes, the pod worker syncing every 10 s. */
function pullTimes(first: number, n: number): number[] {
  let entry: BackoffEntry | undefined;
  const out: number[] = [];
  for (let t = first; out.length < n; t += 10) {
    if (isInBackOffSinceUpdate(entry, t, IMAGE_BACKOFF)) continue;
    out.push(t);
    entry = nextBackoff(entry, t, t, IMAGE_BACKOFF);
  }
  return out;
}

describe("the image pull back-off (flowcontrol.Backoff with 10s / 300s)", () => {
  it("uses kubelet.go's constants: backOffPeriod and MaxContainerBackOff", () => {
    expect(IMAGE_BACKOFF).toEqual({ initial: 10, max: 300 });
  });

  it("pulls again 10s, 20s, 40s, 80s, 160s, then every 300s after the first failure", () => {
    const pulls = pullTimes(62, 9);
    expect(pulls[0]).toBe(62);
    expect(pulls.slice(1).map((t, i) => t - pulls[i])).toEqual([10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it.each([
    // IsInBackOffSinceUpdate: now − lastUpdate < backoff, unless the entry has expired.
    [{ backoff: 20, lastUpdate: 100 }, 119, true],
    [{ backoff: 20, lastUpdate: 100 }, 120, false],
    [{ backoff: 300, lastUpdate: 100 }, 399, true],
    [undefined, 100, false],
  ] as const)("entry %j at %i: in back-off %s", (entry, now, inBackOff) => {
    expect(isInBackOffSinceUpdate(entry, now, IMAGE_BACKOFF)).toBe(inBackOff);
  });

  it("starts again from 10s once an entry has been quiet for more than 2 × 300s (hasExpired)", () => {
    expect(nextBackoff({ backoff: 300, lastUpdate: 0 }, 601, 601, IMAGE_BACKOFF)).toEqual({
      backoff: 10,
      lastUpdate: 601,
    });
    expect(nextBackoff({ backoff: 160, lastUpdate: 0 }, 600, 600, IMAGE_BACKOFF).backoff).toBe(300);
  });
});

describe("the names containerd resolves (distribution/reference ParseNormalizedNamed)", () => {
  it.each([
    ["nginx:1.161", "docker.io/library/nginx:1.161"],
    ["nginx", "docker.io/library/nginx:latest"],
    ["bitnami/nginx:1.25", "docker.io/bitnami/nginx:1.25"],
    ["ghcr.io/acme/orders:2.4.1", "ghcr.io/acme/orders:2.4.1"],
    ["localhost:5000/app:1", "localhost:5000/app:1"],
    ["localhost/app:1", "localhost/app:1"],
    ["registry:5000/app", "registry:5000/app:latest"],
    ["docker.io/library/nginx:1.161", "docker.io/library/nginx:1.161"],
  ])("%s → %s", (image, name) => {
    expect(normalizedImageName(image)).toBe(name);
  });
});

describe("the texts of a failed pull (1.28 kubelet, containerd 1.7)", () => {
  it("words the Failed event as the kubelet prints a registry's NotFound", () => {
    expect(imageMessages.failed("nginx:1.161", imageMessages.notFound("nginx:1.161"))).toBe(
      'Failed to pull image "nginx:1.161": rpc error: code = NotFound desc = failed to pull and unpack image ' +
        '"docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": ' +
        "docker.io/library/nginx:1.161: not found",
    );
    expect(imageMessages.backOff("nginx:1.161")).toBe('Back-off pulling image "nginx:1.161"');
  });
});
