// A condition the object does not have reads as Unknown — the API conventions
// (kubernetes/community, contributors/devel/sig-architecture/api-conventions.md, "Typical
// status properties"): "The absence of a condition should be interpreted the same as
// Unknown." So `!= True` and `!= False` hold while it is absent and `== True`, `== False` do
// not, alike for every kind whose conditions an expectation reads: a Deployment's (no
// ReplicaFailure while its pods are created), a Job's (no Failed while it runs and after it
// completes), an HPA's (none before its first sync).
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const SCENARIO = `scenario "conditions that are not there"
set job.runtime = 20s
manifest web = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: app
        image: nginx:1.27
        resources:
          requests:
            cpu: 100m
YAML
manifest migrate = <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: registry.example.dev/migrate:1
        command: ["./migrate", "up"]
YAML
at 0s apply web
at 0s apply migrate
expect deployment/web condition ReplicaFailure != True always
expect deployment/web condition ReplicaFailure != False always
expect deployment/web condition ReplicaFailure == False within 1m
expect deployment/web condition ReplicaFailure within 1m
expect job/migrate condition Failed != True always
expect job/migrate condition Complete != True for 10s
expect job/migrate condition Complete within 1m
expect job/migrate condition Failed == False within 2m
at 1m kubectl autoscale deployment web --cpu-percent=50 --min=2 --max=4
expect hpa condition ScalingActive != True at 1m
expect hpa condition ScalingActive == False at 1m
run for 2m
`;

describe("an absent condition is neither True nor False, for every kind", () => {
  const r = runWith(defaultServices, SCENARIO, "absent.scn", { host: memoryHost({}) });
  const results = r.expectations.map((e) => [e.text, e.passed, e.message]);

  it("!= True and != False hold while it is absent; == True and == False fail and say absent", () => {
    expect(results).toEqual([
      [
        "expect deployment/web condition ReplicaFailure != True always",
        true,
        "deployment/web condition ReplicaFailure was absent from 0s to 3m",
      ],
      [
        "expect deployment/web condition ReplicaFailure != False always",
        true,
        "deployment/web condition ReplicaFailure was absent from 0s to 3m",
      ],
      [
        "expect deployment/web condition ReplicaFailure == False within 1m",
        false,
        "deployment/web condition ReplicaFailure was absent from 0s; wanted False within 1m of 0s",
      ],
      [
        "expect deployment/web condition ReplicaFailure within 1m",
        false,
        "deployment/web condition ReplicaFailure was absent from 0s; wanted True within 1m of 0s",
      ],
      [
        "expect job/migrate condition Failed != True always",
        true,
        "job/migrate condition Failed was absent from 0s to 3m",
      ],
      [
        "expect job/migrate condition Complete != True for 10s",
        true,
        "job/migrate condition Complete was absent from 0s to 10s",
      ],
      [
        "expect job/migrate condition Complete within 1m",
        true,
        "job/migrate condition Complete was True reason CompletionsReached at 24s",
      ],
      [
        "expect job/migrate condition Failed == False within 2m",
        false,
        "job/migrate condition Failed was absent from 0s; wanted False within 2m of 0s",
      ],
      [
        "expect hpa condition ScalingActive != True at 1m",
        true,
        "hpa/web condition ScalingActive was absent from 1m to 1m",
      ],
      [
        "expect hpa condition ScalingActive == False at 1m",
        false,
        "hpa/web condition ScalingActive was absent from 1m; wanted False at 1m",
      ],
    ]);
  });
});
