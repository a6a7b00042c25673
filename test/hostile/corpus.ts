/**
 * The hostile-input corpus: inputs a careless or malicious scenario author could hand
 * `replicast`, each run through the built CLI with a time limit (harness.ts). Every case must
 * end with exit 0, 1 or 2 within seconds, with no stack trace and no "internal error"; some
 * also check what must (not) be printed — a file outside the scenario's folder is never
 * echoed, a refusal names its limit.
 *
 * Files are generated when a case is set up (sizes are bounded so that each case still proves
 * its point in well under a second of simulation: a 1 MiB line, 100,000 statements, 5,000
 * documents). To add a category — a new kind, nodes, faults — append a function to
 * CATEGORIES that returns its cases; the harness and the test pick it up.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface RunOutput {
  /** Exit status, or undefined when the case was killed (time limit) or crashed its host. */
  code: number | undefined;
  stdout: string;
  stderr: string;
  ms: number;
  /** CPU time the case took (user + system, every thread of its host), ms. */
  cpuMs?: number;
  /** Why the harness gave up on it: "timeout" or "crash: …". */
  killed?: string;
}

export interface HostileCase {
  /** Unique, `category/what`. */
  name: string;
  /** Files of the case's folder: relative path → content (generated lazily). */
  files?: Record<string, string | Buffer | (() => string | Buffer)>;
  /** Symlinks, FIFOs, sparse files: anything `files` cannot express. */
  setup?(dir: string): void;
  /** The command line after `replicast`, run in the case's folder. */
  argv: string[];
  /** Exit statuses allowed (default 0, 1 and 2). */
  exit?: number[];
  /** Extra checks: return what is wrong, or undefined. */
  check?(r: RunOutput): string | undefined;
}

// ── building blocks ──

export const DEPLOY = `apiVersion: apps/v1
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
        - name: web
          image: nginx:1.25
          resources:
            requests:
              cpu: 100m
`;

const HPA = (min: number | string, max: number | string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: ${min}
  maxReplicas: ${max}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 50
`;

/** A scenario around a web Deployment: `body` lines follow `at 0s apply deploy`. */
const withDeploy = (body: string): Record<string, string> => ({
  "deploy.yaml": DEPLOY,
  "s.scn": `at 0s apply deploy\n${body}\nexpect replicas >= 0 always\n`,
});

/** A scenario that creates web with kubectl, then runs `lines`. */
const created = (lines: string): string =>
  `at 0s kubectl create deployment web --image=nginx --replicas=1\nat 5s\n${lines}\nexpect replicas >= 0 always\n`;

const run = (extra: string[] = []) => ["run", "s.scn", ...extra];
const check = () => ["check", "s.scn"];

/** A manifest with `patch` merged into the Deployment as a heredoc, run. */
const heredoc = (yaml: string, after = "expect replicas >= 0 always") =>
  `manifest m = <<YAML\n${yaml}YAML\nat 0s apply m\n${after}\n`;

const has =
  (what: string | RegExp, where: "stdout" | "stderr" | "both" = "both") =>
  (r: RunOutput): string | undefined => {
    const text = where === "both" ? r.stdout + r.stderr : r[where];
    const ok = typeof what === "string" ? text.includes(what) : what.test(text);
    return ok ? undefined : `expected ${where} to contain ${String(what)}`;
  };

const lacks =
  (what: string | RegExp) =>
  (r: RunOutput): string | undefined => {
    const text = r.stdout + r.stderr;
    const bad = typeof what === "string" ? text.includes(what) : what.test(text);
    return bad ? `printed ${String(what)}` : undefined;
  };

const all =
  (...checks: ((r: RunOutput) => string | undefined)[]) =>
  (r: RunOutput): string | undefined => {
    for (const c of checks) {
      const problem = c(r);
      if (problem) return problem;
    }
    return undefined;
  };

/** /etc/passwd's first line: never printed by a scenario that may not read the file. */
const PASSWD = /root:.*:0:0:/;

const repeat = (n: number, f: (i: number) => string): string => {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(f(i));
  return parts.join("");
};

const fifo = (path: string): void => {
  execFileSync("mkfifo", [path]);
};

const link = (target: string, path: string): void => {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path);
};

// ── categories ──

/** YAML bombs, aliases, tags, odd documents. */
function yaml(): HostileCase[] {
  const laughs = [
    "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]",
    ...Array.from({ length: 9 }, (_, i) => {
      const p = String.fromCharCode(97 + i);
      const q = String.fromCharCode(98 + i);
      return `${q}: &${q} [${Array(10).fill(`*${p}`).join(", ")}]`;
    }),
  ].join("\n");
  const cases: HostileCase[] = [
    {
      name: "yaml/billion-laughs",
      files: { "s.scn": heredoc(`${laughs}\n`) },
      argv: run(),
      exit: [2],
    },
    {
      name: "yaml/billion-laughs-file",
      files: { "bomb.yaml": `${laughs}\n`, "s.scn": 'apply file "bomb.yaml"\nexpect replicas 1\n' },
      argv: run(),
      exit: [2],
    },
    {
      name: "yaml/many-aliases-in-deployment",
      files: {
        "s.scn": heredoc(
          DEPLOY.replace("metadata:\n  name: web", "metadata:\n  name: web\n  labels: &l {app: web}") +
            `  x: [${Array(2000).fill("*l").join(", ")}]\n`,
        ),
      },
      argv: run(),
    },
    {
      name: "yaml/self-referencing-alias",
      files: { "s.scn": heredoc("a: &a\n  b: *a\n") },
      argv: run(),
      exit: [2],
    },
    {
      name: "yaml/merge-key-bomb",
      files: {
        "s.scn": heredoc(
          `base: &b {x: 1}\n${repeat(50, (i) => `m${i}: &m${i}\n  <<: ${i === 0 ? "*b" : `*m${i - 1}`}\n  y${i}: 1\n`)}`,
        ),
      },
      argv: run(),
      exit: [2],
    },
    {
      name: "yaml/deep-flow-nesting",
      files: { "s.scn": heredoc(`a: ${"[".repeat(20000)}${"]".repeat(20000)}\n`) },
      argv: run(),
      exit: [2],
    },
    {
      name: "yaml/deep-block-nesting",
      files: {
        "s.scn": heredoc(repeat(3000, (i) => `${" ".repeat(i)}k${i}:\n`)),
      },
      argv: run(),
      exit: [2],
    },
    {
      name: "yaml/deep-nesting-in-spec",
      files: {
        "s.scn": heredoc(`${DEPLOY}  x: ${"{a: ".repeat(5000)}1${"}".repeat(5000)}\n`),
      },
      argv: run(),
    },
    {
      name: "yaml/js-function-tag",
      files: { "s.scn": heredoc(`${DEPLOY}  x: !!js/function "function(){ return process.exit(3) }"\n`) },
      argv: run(),
    },
    {
      name: "yaml/unknown-local-tag",
      files: { "s.scn": heredoc(DEPLOY.replace("replicas: 2", "replicas: !evil 2")) },
      argv: run(),
    },
    {
      name: "yaml/binary-set-omap-tags",
      files: {
        "s.scn": heredoc(
          DEPLOY.replace("replicas: 2", "replicas: !!binary aGVsbG8=") +
            "---\n!!set {a, b}\n---\n!!omap [a: 1]\n---\n!!timestamp 2001-12-14\n",
        ),
      },
      argv: run(),
      exit: [2],
    },
    {
      name: "yaml/tag-directive",
      files: { "s.scn": heredoc(`%TAG !e! tag:evil.com,2000:\n---\n${DEPLOY}`) },
      argv: run(),
    },
    {
      name: "yaml/yaml-1.1-directive",
      files: { "s.scn": heredoc(`%YAML 1.1\n---\n${DEPLOY.replace("replicas: 2", "replicas: 0o7")}`) },
      argv: run(),
    },
    {
      name: "yaml/complex-key",
      files: { "s.scn": heredoc(`? [a, b]\n: 1\n? {x: y}\n: 2\n${DEPLOY}`) },
      argv: run(),
    },
    {
      name: "yaml/duplicate-keys",
      files: { "s.scn": heredoc(`${DEPLOY}kind: Deployment\n`) },
      argv: run(),
      exit: [2],
      check: has("Map keys must be unique"),
    },
    {
      name: "yaml/scalar-documents",
      files: { "s.scn": heredoc('42\n---\n"text"\n---\n[1, 2]\n---\n~\n---\n') },
      argv: run(),
      exit: [2],
    },
    {
      name: "yaml/tabs-and-bom",
      files: { "s.scn": heredoc(`\ufeff${DEPLOY.replace("  name: web", "\tname: web")}`) },
      argv: run(),
      exit: [2],
    },
    {
      name: "yaml/invalid-utf8-file",
      files: {
        "m.yaml": Buffer.concat([
          Buffer.from(DEPLOY.replace("nginx:1.25", "nginx:")),
          Buffer.from([0xff, 0xfe, 0xc3]),
        ]),
        "s.scn": 'apply file "m.yaml"\nexpect replicas 2\n',
      },
      argv: run(),
    },
    {
      name: "yaml/nul-bytes",
      files: { "s.scn": heredoc(`${DEPLOY}  x: "a\u0000b"\n\u0000\n`) },
      argv: run(),
    },
    {
      name: "yaml/huge-numbers",
      files: {
        "s.scn": heredoc(
          DEPLOY.replace("replicas: 2", "replicas: 1e400").replace(
            "cpu: 100m",
            "cpu: 99999999999999999999999999999999999999999",
          ),
        ),
      },
      argv: run(),
      exit: [2],
    },
    {
      name: "yaml/nan-and-inf",
      files: {
        "s.scn": heredoc(
          DEPLOY.replace("replicas: 2", "replicas: .nan") +
            "---\n" +
            DEPLOY.replace("name: web", "name: web2").replace("replicas: 2", "replicas: .inf"),
        ),
      },
      argv: run(),
      exit: [2],
    },
    {
      name: "yaml/fractional-replicas",
      files: { "s.scn": heredoc(DEPLOY.replace("replicas: 2", "replicas: 2.5")) },
      argv: run(),
      exit: [2],
    },
    {
      name: "yaml/long-scalar",
      files: { "s.scn": heredoc(`${DEPLOY}  x: "${"y".repeat(2_000_000)}"\n`) },
      argv: run(),
    },
    {
      name: "yaml/5000-documents",
      files: {
        "s.scn": () =>
          heredoc(
            repeat(
              5000,
              (i) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  k: "${i}"\n`,
            ),
            'expect event "never" never',
          ),
      },
      argv: run(),
    },
    {
      // 5,000 Deployments still cost quadratic time in the controllers (a selector join per
      // sync): 200 here prove such a load ends; the report says what is left.
      name: "yaml/200-deployments",
      files: {
        "many.yaml": () =>
          repeat(
            200,
            (i) =>
              `---\n${DEPLOY.replace("name: web", `name: web-${i}`)
                .replace(/app: web/g, `app: web-${i}`)
                .replace("replicas: 2", "replicas: 1")}`,
          ),
        "s.scn":
          'at 0s apply file "many.yaml"\nexpect deployment/web-199 available 1 within 30s\nrun for 1m\n',
      },
      argv: run(),
    },
    {
      name: "yaml/150000-bad-documents",
      files: {
        "bad.yaml": () => repeat(150000, () => "---\n: : :\n"),
        "s.scn": 'apply file "bad.yaml"\nexpect replicas 1\n',
      },
      argv: run(),
      exit: [2],
      check: (r) =>
        r.stderr.length > 200_000 ? `printed ${r.stderr.length} characters of errors` : undefined,
    },
    {
      name: "yaml/10000-manifest-errors",
      files: {
        "bad.yaml": () => repeat(10000, (i) => `---\napiVersion: v1\nkind: Nope${i}\nmetadata: {name: x}\n`),
        "s.scn": 'apply file "bad.yaml"\nexpect replicas 1\n',
      },
      argv: run(),
      exit: [2],
      check: (r) =>
        r.stderr.length > 200_000 ? `printed ${r.stderr.length} characters of errors` : undefined,
    },
    {
      name: "yaml/list-of-5000-items",
      files: {
        "s.scn": () =>
          heredoc(
            `apiVersion: v1\nkind: List\nitems:\n${repeat(5000, (i) => `- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c${i}}\n`)}`,
            'expect event "x" never',
          ),
      },
      argv: run(),
    },
    {
      name: "yaml/list-items-not-objects",
      files: { "s.scn": heredoc("apiVersion: v1\nkind: List\nitems: [1, null, [2], {}]\n") },
      argv: run(),
      exit: [2],
    },
    {
      name: "yaml/empty-heredoc",
      files: { "s.scn": "manifest m = <<YAML\nYAML\nat 0s apply m\nexpect replicas 1\n" },
      argv: run(),
    },
    {
      name: "yaml/unclosed-heredoc",
      files: { "s.scn": `manifest m = <<YAML\n${DEPLOY}` },
      argv: run(),
      exit: [2],
    },
    {
      // The yaml package's own duplicate-key check is quadratic in a map's keys (minutes for
      // 200,000 labels); ours is one pass (linear.test.ts measures it). Invalid label keys:
      // refused, 100 errors shown.
      name: "yaml/20000-labels",
      files: {
        "s.scn": () =>
          heredoc(
            DEPLOY.replace(
              "  name: web\n",
              `  name: web\n  labels:\n${repeat(20_000, (i) => `    "bad key ${i}": x\n`)}`,
            ),
          ),
      },
      argv: run(),
      exit: [2],
      check: all(has("must consist of alphanumeric characters"), has("19900 more errors")),
    },
    {
      name: "yaml/10000-heredocs",
      files: {
        "s.scn": () =>
          repeat(
            10000,
            (i) =>
              `manifest m${i} = <<YAML\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\nYAML\n`,
          ) + 'at 0s apply m9999\nexpect event "x" never\n',
      },
      argv: run(),
    },
  ];
  return cases;
}

/** Keys named after Object.prototype's own: they must be ordinary keys, or refused, never reach a prototype. */
function prototypeKeys(): HostileCase[] {
  const cleanAfter = "\nexpect replicas 1 within 10s\n";
  const cases: HostileCase[] = [];
  for (const key of ["__proto__", "constructor", "prototype", "hasOwnProperty", "toString", "valueOf"]) {
    cases.push(
      {
        name: `keys/label-${key}`,
        files: {
          "s.scn": heredoc(
            DEPLOY.replace(
              "      labels:\n        app: web",
              `      labels:\n        app: web\n        ${key}: x`,
            ),
          ),
        },
        argv: run(),
      },
      {
        name: `keys/top-level-${key}`,
        files: { "s.scn": heredoc(`${DEPLOY}${key}:\n  polluted: yes\n  replicas: 7\n`) },
        argv: run(),
      },
      {
        name: `keys/spec-${key}`,
        files: {
          "s.scn": heredoc(
            DEPLOY.replace("spec:\n  replicas: 2", `spec:\n  ${key}: {replicas: 9}\n  replicas: 2`),
          ),
        },
        argv: run(),
      },
      {
        name: `keys/matchLabels-${key}`,
        files: {
          "s.scn": heredoc(
            DEPLOY.replace("matchLabels:\n      app: web", `matchLabels:\n      ${key}: web`).replace(
              "labels:\n        app: web",
              `labels:\n        ${key}: web`,
            ),
          ),
        },
        argv: run(),
      },
      {
        name: `keys/annotation-${key}`,
        files: {
          "s.scn": heredoc(DEPLOY.replace("  name: web\n", `  name: web\n  annotations:\n    ${key}: "1"\n`)),
        },
        argv: run(),
      },
      {
        name: `keys/kind-${key}`,
        files: { "s.scn": heredoc(`apiVersion: ${key}\nkind: ${key}\nmetadata:\n  name: ${key}\n`) },
        argv: run(),
        exit: [2],
      },
      {
        name: `keys/name-${key}`,
        files: {
          "s.scn": created(
            `kubectl get deploy ${key}\nkubectl describe deploy ${key}\nkubectl delete deploy ${key}`,
          ),
        },
        argv: run(),
      },
      {
        name: `keys/create-${key}`,
        files: {
          "s.scn": `at 0s kubectl create deployment ${key} --image=nginx\nexpect deployment/${key} replicas 1\n`,
        },
        argv: run(),
      },
      {
        name: `keys/json-patch-add-${key}`,
        files: {
          "s.scn": created(
            `kubectl patch deployment web --type=json -p '[{"op":"add","path":"/${key}/polluted","value":"yes"}]'\nkubectl patch deployment web --type=json -p '[{"op":"add","path":"/metadata/labels/${key}","value":"yes"}]'\nkubectl get deploy web -o jsonpath='{.polluted}'`,
          ),
        },
        argv: run(),
        check: lacks(/^\s*yes\s*$/m),
      },
      {
        name: `keys/merge-patch-${key}`,
        files: {
          "s.scn": created(
            `kubectl patch deployment web --type=merge -p '{"${key}":{"polluted":"yes"},"spec":{"${key}":{"replicas":5}}}'\nkubectl patch deployment web -p '{"spec":{"template":{"spec":{"${key}":[{"name":"x"}]}}}}'`,
          ),
        },
        argv: run(),
      },
      {
        name: `keys/label-cmd-${key}`,
        files: {
          "s.scn": created(
            `kubectl label deployment web ${key}=x\nkubectl label deployment web ${key}-\nkubectl annotate deployment web ${key}=y\nkubectl get deploy -l ${key}\nkubectl get deploy -l '${key} in (x)'`,
          ),
        },
        argv: run(),
      },
      {
        name: `keys/jsonpath-${key}`,
        files: {
          "s.scn": created(
            `kubectl get deploy web -o jsonpath='{.${key}}'\nkubectl get deploy web -o jsonpath='{..${key}}'\nkubectl get deploy web -o jsonpath='{.metadata.labels.${key}}'\nkubectl get deploy -o jsonpath='{.items[?(@.${key})].metadata.name}'\nkubectl get deploy --sort-by='{.${key}}'`,
          ),
        },
        argv: run(),
        check: lacks(/\[native code\]|function /),
      },
      {
        name: `keys/setting-${key}`,
        files: { "s.scn": `set ${key} = 1\nset ${key}.x = 2\nexpect replicas 1\n` },
        argv: check(),
        exit: [2],
      },
      {
        name: `keys/manifest-name-${key}`,
        files: {
          "s.scn": `manifest ${key} = <<YAML\n${DEPLOY}YAML\nat 0s apply ${key}\nexpect replicas 2 within 10s\n`,
        },
        argv: run(),
      },
      {
        name: `keys/metric-${key}`,
        files: {
          ...withDeploy(`load metric ${key} 5\nkubectl autoscale deployment web --max=3 --cpu-percent=50`),
        },
        argv: run(),
      },
    );
  }
  // Pollution then a clean scenario in one process: the clean one must pass.
  const polluting = created(
    [
      `kubectl patch deployment web --type=json -p '[{"op":"add","path":"/__proto__/replicas","value":5}]'`,
      `kubectl patch deployment web --type=json -p '[{"op":"copy","from":"/spec","path":"/__proto__/spec"}]'`,
      `kubectl patch deployment web --type=json -p '[{"op":"remove","path":"/__proto__/hasOwnProperty"}]'`,
      `kubectl patch deployment web --type=json -p '[{"op":"replace","path":"/constructor/prototype/x","value":1}]'`,
      `kubectl patch deployment web --type=json -p '[{"op":"move","from":"/metadata","path":"/__proto__/metadata"}]'`,
      `kubectl patch deployment web --type=merge -p '{"__proto__":{"polluted":"yes"}}'`,
    ].join("\n"),
  );
  cases.push({
    name: "keys/pollute-then-clean-suite",
    files: {
      "a-pollute.scn": polluting,
      "b-clean.scn": `at 0s kubectl create deployment web --image=nginx --replicas=1${cleanAfter}`,
    },
    argv: ["test", ".", "-j", "1"],
    check: has(/b-clean\.scn/),
  });
  cases.push({
    name: "keys/pollute-then-clean-suite-j2",
    files: {
      "a-pollute.scn": polluting,
      "b-clean.scn": `at 0s kubectl create deployment web --image=nginx --replicas=1${cleanAfter}`,
      "c-clean.scn": `at 0s kubectl create deployment web --image=nginx --replicas=1${cleanAfter}`,
    },
    argv: ["test", ".", "-j", "2"],
    check: has("2 passed"),
  });
  // A replayed Prometheus answer's labels are the file's: `series KEY="x"` matches the series
  // that has the label, never a property of Object (src/traffic/prometheus.ts).
  for (const key of ["__proto__", "constructor"])
    cases.push({
      name: `keys/traffic-series-${key}`,
      files: {
        "p.json": JSON.stringify({
          status: "success",
          data: {
            resultType: "matrix",
            result: [
              { metric: { pod: "a" }, values: [[0, "5"]] },
              { metric: JSON.parse(`{"pod": "b", "${key}": "x"}`), values: [[0, "7"]] },
            ],
          },
        }),
        "s.scn": created(`load requests file "p.json" series ${key}="x"`),
      },
      argv: run(),
      exit: [0, 1],
    });
  return cases;
}

/** Resource bombs: counts and amounts far beyond any cluster. */
function resources(): HostileCase[] {
  const scaleTo = (n: string) => created(`kubectl scale deployment web --replicas=${n}`);
  return [
    {
      name: "resources/create-100000000-replicas",
      files: {
        "s.scn":
          "at 0s kubectl create deployment web --image=nginx --replicas=100000000\nexpect replicas 1\n",
      },
      argv: run(),
      exit: [2],
    },
    ...["2147483647", "2147483648", "99999999999999999999", "1e9", "-1", "0x10", "NaN", "1.5", ""].map(
      (n): HostileCase => ({
        name: `resources/scale-${n || "empty"}`,
        files: { "s.scn": scaleTo(n) },
        argv: run(),
      }),
    ),
    {
      name: "resources/manifest-replicas-int32-overflow",
      files: { "s.scn": heredoc(DEPLOY.replace("replicas: 2", "replicas: 2147483648")) },
      argv: run(),
      exit: [2],
      check: has("int32"),
    },
    {
      name: "resources/manifest-replicas-100-million",
      files: { "s.scn": heredoc(DEPLOY.replace("replicas: 2", "replicas: 100000000")) },
      argv: run(),
      exit: [2],
    },
    {
      name: "resources/hpa-max-1e9-under-load",
      files: {
        "deploy.yaml": `${DEPLOY}---\n${HPA(1, 1000000000)}`,
        "s.scn": "at 0s apply deploy\nat 30s load cpu 100000000\nexpect replicas >= 1 always\nrun for 30m\n",
      },
      argv: run(),
    },
    {
      name: "resources/hpa-min-int32",
      files: {
        "deploy.yaml": `${DEPLOY}---\n${HPA(2147483647, 2147483647)}`,
        "s.scn": "at 0s apply deploy\nexpect replicas 2\n",
      },
      argv: run(),
    },
    {
      name: "resources/hpa-max-over-int32",
      files: {
        "deploy.yaml": `${DEPLOY}---\n${HPA(1, 4294967296)}`,
        "s.scn": "at 0s apply deploy\nexpect replicas 2\n",
      },
      argv: run(),
      exit: [2],
    },
    {
      name: "resources/autoscale-max-1e9",
      files: {
        "s.scn": created(
          "kubectl autoscale deployment web --min=1 --max=1000000000 --cpu-percent=1\nat 1m load cpu 1000000\nrun for 20m",
        ),
      },
      argv: run(),
    },
    {
      name: "resources/autoscale-odd-values",
      files: {
        "s.scn": created(
          "kubectl autoscale deployment web --min=0 --max=-1 --cpu-percent=1e309\nkubectl autoscale deployment web --min=99999999999 --max=2",
        ),
      },
      argv: run(),
    },
    {
      name: "resources/cluster-nodes-huge",
      files: { "s.scn": created("set cluster.nodes = 999999999999") },
      argv: run(),
    },
    {
      name: "resources/cluster-nodes-zero",
      files: { "s.scn": created("set cluster.nodes = 0") },
      argv: run(),
    },
    {
      name: "resources/seed-huge",
      files: { "s.scn": created("set seed = 99999999999999999999999") },
      argv: run(),
    },
    {
      name: "resources/tolerance-huge",
      files: { "s.scn": created("set hpa.tolerance = 1e308\nset hpa.scale-up-limit-factor = 1e308") },
      argv: run(),
    },
    {
      name: "resources/cpu-load-1e30",
      files: withDeploy(
        "at 10s load cpu 1e30\nat 20s load cpu 1e30 per pod\nat 30s load memory 1e30 per pod\nrun for 2m",
      ),
      argv: run(),
    },
    {
      name: "resources/requests-1e15",
      files: withDeploy("at 10s load requests 1000000000000000/s cost 1000 per request\nrun for 2m"),
      argv: run(),
    },
    {
      name: "resources/100000-cpu-steps",
      files: withDeploy(`at 10s load cpu steps ${Array(100000).fill("100%").join(" ")} every 1s`),
      argv: run(),
    },
    {
      name: "resources/grace-period-huge",
      files: {
        "s.scn": heredoc(
          DEPLOY.replace(
            "    spec:\n      containers:",
            "    spec:\n      terminationGracePeriodSeconds: 9223372036854775807\n      containers:",
          ),
          "at 10s kubectl delete deployment web\nexpect replicas 0 within 1m",
        ),
      },
      argv: run(),
    },
    {
      name: "resources/min-ready-and-deadline-huge",
      files: {
        "s.scn": heredoc(
          DEPLOY.replace(
            "  replicas: 2",
            "  replicas: 2\n  minReadySeconds: 2147483647\n  progressDeadlineSeconds: 2147483647\n  revisionHistoryLimit: 2147483647",
          ),
        ),
      },
      argv: run(),
    },
    {
      name: "resources/zero-cpu-request",
      files: {
        "deploy.yaml": `${DEPLOY.replace("cpu: 100m", "cpu: 0")}---\n${HPA(1, 5)}`,
        "s.scn": "at 0s apply deploy\nat 20s load cpu 500%\nexpect replicas >= 1 always\nrun for 3m\n",
      },
      argv: run(),
    },
    {
      name: "resources/surge-huge",
      files: {
        "s.scn": heredoc(
          DEPLOY.replace(
            "  replicas: 2",
            "  replicas: 2\n  strategy:\n    rollingUpdate:\n      maxSurge: 2147483647\n      maxUnavailable: 100000%",
          ),
          "at 10s kubectl set image deployment/web web=nginx:2\nexpect replicas 2 within 1m",
        ),
      },
      argv: run(),
    },
    {
      name: "resources/annotation-300KiB",
      files: { "s.scn": created(`kubectl annotate deployment web big=${"x".repeat(300 * 1024)}`) },
      argv: run(),
      exit: [1, 2],
      check: has("must have at most 262144 bytes"),
    },
    {
      name: "resources/annotation-50MB-in-manifest",
      files: {
        "big.yaml": () =>
          DEPLOY.replace(
            "  name: web\n",
            `  name: web\n  annotations:\n    big: "${"x".repeat(50_000_000)}"\n`,
          ),
        "s.scn": 'apply file "big.yaml"\nexpect replicas 2\n',
      },
      argv: run(),
      exit: [2],
    },
    {
      name: "resources/name-254-chars",
      files: {
        "s.scn": `at 0s kubectl create deployment ${"a".repeat(254)} --image=nginx\nexpect replicas 1\n`,
      },
      argv: run(),
    },
    {
      name: "resources/manifest-name-254-chars",
      files: { "s.scn": heredoc(DEPLOY.replace("name: web", `name: ${"a".repeat(254)}`)) },
      argv: run(),
      exit: [2],
    },
    {
      name: "resources/label-value-64-chars",
      files: { "s.scn": created(`kubectl label deployment web x=${"v".repeat(64)}`) },
      argv: run(),
    },
    {
      name: "resources/revision-huge",
      files: { "s.scn": created("kubectl rollout undo deployment/web --to-revision=99999999999999999999") },
      argv: run(),
    },
  ];
}

/** Sizes: long lines, many statements. */
function sizes(): HostileCase[] {
  return [
    {
      name: "size/1MiB-comment-line",
      files: { "s.scn": () => `# ${"x".repeat(1 << 20)}\n${created("")}` },
      argv: run(),
    },
    {
      name: "size/2MiB-line",
      files: { "s.scn": () => `scenario "${"x".repeat(2 << 20)}"\nexpect replicas 1\n` },
      argv: run(),
      exit: [2],
    },
    {
      name: "size/1MiB-kubectl-line",
      files: { "s.scn": () => created(`kubectl get pods ${"a".repeat(1 << 20)}`) },
      argv: run(),
    },
    {
      // More words than a spread call takes arguments (~120,000), each its own NotFound line;
      // the 1 MiB line itself is the cases above.
      name: "size/200000-kubectl-words",
      files: { "s.scn": () => created(`kubectl get pods ${"a ".repeat(200_000)}`) },
      argv: run(),
    },
    {
      // A data file nested past what a recursive reader's stack holds: an error in the file.
      name: "size/traffic-json-nesting",
      files: { "deep.json": () => "[".repeat(200_000), "s.scn": created('load requests file "deep.json"') },
      argv: run(),
      exit: [2],
      check: has("nests deeper"),
    },
    {
      name: "size/traffic-json-nesting-valid",
      files: {
        "deep.json": () => `{"data": ${"[".repeat(200_000)}${"]".repeat(200_000)}}`,
        "s.scn": created('load requests file "deep.json"'),
      },
      argv: run(),
      exit: [2],
    },
    {
      name: "size/1MiB-quotes",
      files: { "s.scn": () => created(`kubectl get pods ${"''".repeat(500_000)}`) },
      argv: run(),
    },
    {
      name: "size/1MiB-unclosed-quote",
      files: { "s.scn": () => created(`kubectl get pods '${"a".repeat(1 << 20)}`) },
      argv: run(),
      exit: [2],
    },
    {
      name: "size/1MiB-patch",
      files: {
        "s.scn": () =>
          created(
            `kubectl patch deployment web --type=merge -p '{"metadata":{"labels":{"a":"${"x".repeat(1 << 20)}"}}}'`,
          ),
      },
      argv: run(),
    },
    {
      // 30,000 keys in one flow map, the patch's: linear, and refused as the API server does
      // (over 256 KiB of annotations).
      name: "size/30000-key-patch",
      files: {
        "s.scn": () =>
          created(
            `kubectl patch deployment web --type=merge -p '{"metadata":{"annotations":{${repeat(30_000, (i) => `${i ? "," : ""}"k${i}":"value"`)}}}}'`,
          ),
      },
      argv: run(),
      check: has("must have at most 262144 bytes"),
    },
    {
      name: "size/deep-patch",
      files: {
        "s.scn": () =>
          created(
            `kubectl patch deployment web --type=merge -p '${'{"a":'.repeat(20000)}1${"}".repeat(20000)}'`,
          ),
      },
      argv: run(),
    },
    {
      name: "size/deep-json-patch-value",
      files: {
        "s.scn": () =>
          created(
            `kubectl patch deployment web --type=json -p '[{"op":"add","path":"/metadata/x","value":${"[".repeat(20000)}${"]".repeat(20000)}}]'`,
          ),
      },
      argv: run(),
    },
    {
      name: "size/100000-statements",
      files: { "s.scn": () => created(repeat(100_000, (i) => `at ${i + 10}s expect replicas >= 0\n`)) },
      argv: run(),
    },
    {
      name: "size/100000-kubectl-gets",
      files: { "s.scn": () => created(repeat(100_000, () => "kubectl get deploy web\n")) },
      argv: run(),
    },
    {
      name: "size/100000-bad-lines",
      files: { "s.scn": () => repeat(100_000, () => "expect replcas 3\n") },
      argv: check(),
      exit: [2],
      check: (r) =>
        r.stderr.length > 200_000 ? `printed ${r.stderr.length} characters of errors` : undefined,
    },
    {
      name: "size/100000-settings",
      files: { "s.scn": () => created(repeat(100_000, () => "set hpa.tolerance = 0.1\n")) },
      argv: run(),
    },
    {
      name: "size/10000-watches",
      files: { "s.scn": () => created(repeat(10_000, () => "watch deployment/web\n")) + "run for 1m\n" },
      argv: run(),
    },
    {
      name: "size/200-deployments-by-kubectl",
      files: {
        "s.scn": () =>
          repeat(200, (i) => `at 0s kubectl create deployment w${i} --image=nginx\n`) +
          "expect deployment/w1 replicas 1\nrun for 1m\n",
      },
      argv: run(),
    },
    {
      name: "size/100000-semicolons",
      files: { "s.scn": () => `${";".repeat(100_000)}\n${created("")}` },
      argv: run(),
    },
    {
      name: "size/many-long-lines-of-errors",
      files: { "s.scn": () => repeat(2000, () => `expect ${"x".repeat(1000)}\n`) },
      argv: check(),
      exit: [2],
      check: (r) =>
        r.stderr.length > 500_000 ? `printed ${r.stderr.length} characters of errors` : undefined,
    },
    {
      name: "size/binary-garbage",
      files: {
        "s.scn": () => {
          const b = Buffer.alloc(200_000);
          let x = 7;
          for (let i = 0; i < b.length; i++) {
            x = (x * 1103515245 + 12345) >>> 0;
            b[i] = x >>> 24;
          }
          return b;
        },
      },
      argv: check(),
      exit: [2],
    },
    {
      name: "size/invalid-utf8-scenario",
      files: {
        "s.scn": Buffer.concat([Buffer.from(created("")), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x0a])]),
      },
      argv: run(),
    },
    {
      name: "size/deep-jsonpath",
      files: { "s.scn": () => created(`kubectl get deploy web -o jsonpath='{${"[".repeat(10000)}}'`) },
      argv: run(),
    },
    {
      name: "size/deep-jsonpath-ranges",
      files: {
        "s.scn": () =>
          created(
            `kubectl get deploy -o jsonpath='${"{range .items[*]}".repeat(5000)}x${"{end}".repeat(5000)}'`,
          ),
      },
      argv: run(),
    },
    {
      name: "size/selector-parentheses",
      files: { "s.scn": () => created(`kubectl get deploy -l 'a in (${"(".repeat(100000)})'`) },
      argv: run(),
    },
  ];
}

/** Paths: symlinks out of the folder, devices, FIFOs, folders. */
function paths(): HostileCase[] {
  const apply = (p: string) => `apply file "${p}"\nexpect replicas 1\n`;
  return [
    {
      name: "paths/symlink-to-passwd",
      files: { "s.scn": apply("passwd.yaml") },
      setup: (d) => link("/etc/passwd", join(d, "passwd.yaml")),
      argv: run(),
      exit: [2],
      check: all(lacks(PASSWD), has("outside")),
    },
    // Traffic files (load … file "…") are read through the same host as manifests.
    ...(
      [
        ["symlink-to-passwd", (d: string) => link("/etc/passwd", join(d, "passwd.csv")), "passwd.csv"],
        ["folder-symlink-to-etc", (d: string) => link("/etc", join(d, "etc")), "etc/passwd"],
        ["fifo", (d: string) => fifo(join(d, "pipe.csv")), "pipe.csv"],
        ["dev-zero", () => undefined, "/dev/zero"],
      ] as const
    ).map(([what, setup, path]): HostileCase => ({
      name: `paths/traffic-file-${what}`,
      files: { "s.scn": created(`load requests file "${path}"`) },
      setup,
      argv: run(),
      exit: [2],
      check: lacks(PASSWD),
    })),
    {
      name: "paths/folder-symlink-to-etc",
      files: { "s.scn": apply("etc/passwd") },
      setup: (d) => link("/etc", join(d, "etc")),
      argv: run(),
      exit: [2],
      check: all(lacks(PASSWD), has("outside")),
    },
    {
      name: "paths/apply-name-symlink",
      files: { "s.scn": "apply passwd\nexpect replicas 1\n" },
      setup: (d) => link("/etc/passwd", join(d, "passwd.yaml")),
      argv: run(),
      exit: [2],
      check: lacks(PASSWD),
    },
    {
      name: "paths/kubectl-apply-f-symlink",
      files: { "s.scn": "at 0s kubectl apply -f passwd.yaml\nexpect replicas 1\n" },
      setup: (d) => link("/etc/passwd", join(d, "passwd.yaml")),
      argv: run(),
      check: lacks(PASSWD),
    },
    {
      name: "paths/kubectl-apply-f-etc",
      files: { "s.scn": "at 0s kubectl apply -f /etc/passwd\nexpect replicas 1\n" },
      argv: run(),
      check: lacks(PASSWD),
    },
    {
      name: "paths/absolute-passwd",
      files: { "s.scn": apply("/etc/passwd") },
      argv: run(),
      exit: [2],
      check: lacks(PASSWD),
    },
    {
      name: "paths/dotdot-passwd",
      files: { "s.scn": apply("../../../../../../../../etc/passwd") },
      argv: run(),
      exit: [2],
      check: lacks(PASSWD),
    },
    {
      name: "paths/allowed-passwd-not-yaml",
      files: { "s.scn": apply("/etc/passwd") },
      argv: run(["--allow-outside"]),
      exit: [2],
    },
    {
      name: "paths/dev-zero-manifest",
      files: { "s.scn": apply("/dev/zero") },
      argv: run(["--allow-outside"]),
      exit: [2],
    },
    {
      name: "paths/dev-zero-symlink",
      files: { "s.scn": apply("zero.yaml") },
      setup: (d) => link("/dev/zero", join(d, "zero.yaml")),
      argv: run(),
      exit: [2],
    },
    {
      name: "paths/dev-zero-symlink-allowed",
      files: { "s.scn": apply("zero.yaml") },
      setup: (d) => link("/dev/zero", join(d, "zero.yaml")),
      argv: run(["--allow-outside"]),
      exit: [2],
    },
    { name: "paths/run-dev-zero", argv: ["run", "/dev/zero"], exit: [2] },
    { name: "paths/check-dev-zero", argv: ["check", "/dev/zero"], exit: [2] },
    { name: "paths/run-dev-null", argv: ["run", "/dev/null"] },
    { name: "paths/run-dev-urandom", argv: ["run", "/dev/urandom"], exit: [2] },
    {
      name: "paths/fifo-manifest",
      files: { "s.scn": apply("pipe.yaml") },
      setup: (d) => fifo(join(d, "pipe.yaml")),
      argv: run(),
      exit: [2],
    },
    {
      name: "paths/fifo-scenario",
      setup: (d) => fifo(join(d, "s.scn")),
      argv: run(),
      exit: [2],
    },
    {
      name: "paths/fifo-in-suite",
      files: { "ok.scn": created("") },
      setup: (d) => fifo(join(d, "pipe.scn")),
      argv: ["test", ".", "-j", "2"],
      exit: [1],
      check: has("ok.scn"),
    },
    {
      name: "paths/fifo-in-suite-j1",
      files: { "ok.scn": created("") },
      setup: (d) => fifo(join(d, "pipe.scn")),
      argv: ["test", ".", "-j", "1"],
      exit: [1],
    },
    {
      name: "paths/folder-as-manifest",
      files: { "s.scn": apply("."), "sub/x.txt": "x" },
      argv: run(),
    },
    {
      name: "paths/folder-as-scenario",
      files: { "sub/x.txt": "x" },
      argv: ["run", "sub"],
      exit: [2],
    },
    {
      name: "paths/symlink-loop",
      files: { "s.scn": apply("a.yaml") },
      setup: (d) => {
        link("b.yaml", join(d, "a.yaml"));
        link("a.yaml", join(d, "b.yaml"));
      },
      argv: run(),
      exit: [2],
    },
    {
      name: "paths/folder-symlink-loop-in-suite",
      files: { "a/ok.scn": created("") },
      setup: (d) => link("..", join(d, "a/loop")),
      argv: ["test", "."],
    },
    {
      name: "paths/sparse-200MB-manifest",
      files: { "s.scn": apply("big.yaml") },
      setup: (d) => execFileSync("truncate", ["-s", "200M", join(d, "big.yaml")]),
      argv: run(),
      exit: [2],
    },
    {
      name: "paths/sparse-200MB-scenario",
      setup: (d) => execFileSync("truncate", ["-s", "200M", join(d, "s.scn")]),
      argv: run(),
      exit: [2],
    },
    {
      name: "paths/empty-path",
      files: { "s.scn": apply("") },
      argv: run(),
      exit: [2],
    },
    {
      name: "paths/nul-in-path",
      files: { "s.scn": 'apply file "a\\u0000b.yaml"\nexpect replicas 1\n' },
      argv: run(),
      exit: [2],
    },
    {
      name: "paths/long-path",
      files: { "s.scn": apply(`${"d/".repeat(5000)}x.yaml`) },
      argv: run(),
      exit: [2],
    },
    {
      name: "paths/scenario-missing",
      argv: ["run", "nope.scn"],
      exit: [2],
    },
    {
      name: "paths/scenario-symlink-outside-then-relative",
      files: { "real/s.scn": apply("x.yaml"), "real/x.yaml": DEPLOY },
      setup: (d) => link("real/s.scn", join(d, "s.scn")),
      argv: run(),
    },
    {
      name: "paths/chart-into-folder",
      files: { "s.scn": created("") },
      argv: run(["--chart", "."]),
      exit: [2],
    },
    {
      name: "paths/chart-to-missing-folder",
      files: { "s.scn": created("") },
      argv: run(["--chart", "s.scn/chart.svg"]),
      exit: [2],
    },
  ];
}

/** kubectl lines a shell user would never type. */
function kubectl(): HostileCase[] {
  const lines = [
    "kubectl",
    "kubectl ''",
    "kubectl -- -- --",
    "kubectl get",
    "kubectl get pods --selector='app=web'",
    "kubectl get pods --selector=app='web'",
    "kubectl get pods -l",
    "kubectl get pods -o",
    "kubectl get pods -o jsonpath=",
    "kubectl get pods -o jsonpath='{'",
    "kubectl get pods -o jsonpath='{range}'",
    "kubectl get pods -o jsonpath='{end}'",
    "kubectl get pods -o jsonpath='{.items[99999999999999999999]}'",
    "kubectl get pods -o jsonpath='{.items[-99999999]}'",
    "kubectl get pods -o jsonpath='{.items[1:-1:0]}'",
    "kubectl get pods -o jsonpath='{.items[?(@.x ==)]}'",
    "kubectl get pods -o jsonpath='{\"\\u0000\"}'",
    "kubectl get pods -o jsonpath='{\"unterminated}'",
    "kubectl get pods -o go-template='{{.}}'",
    "kubectl get pods --sort-by=",
    "kubectl get pods --sort-by='{.'",
    "kubectl get pods -w -w -w",
    "kubectl get pods -n",
    "kubectl get pods --namespace=../../etc",
    "kubectl get pods | grep",
    "kubectl get pods | | |",
    "kubectl get pods | grep -E '('",
    "kubectl get pods | grep -E '[[:alpha:]'",
    "kubectl get pods | grep -c x | grep y",
    "kubectl scale deployment web",
    "kubectl scale deployment web --replicas",
    "kubectl scale --replicas=3",
    "kubectl set image deployment/web",
    "kubectl set image deployment/web web=",
    "kubectl rollout",
    "kubectl rollout undo deployment/web --to-revision=-1",
    "kubectl rollout status deployment/web --timeout=99999999h",
    "kubectl apply -f",
    "kubectl apply -f -",
    "kubectl create deployment",
    "kubectl create deployment web2",
    "kubectl create deployment web2 --image=nginx -- sh -c 'while true; do :; done'",
    "kubectl delete deployment web --grace-period=-99999999999",
    "kubectl delete pods --all --grace-period=0 --force",
    "kubectl exec -it web -- sh",
    "kubectl proxy",
    "kubectl port-forward svc/web 80",
    "kubectl config view",
    "kubectl cp /etc/passwd web:/tmp",
    "kubectl patch deployment web -p ''",
    "kubectl patch deployment web -p '[[[['",
    "kubectl patch deployment web --type=json -p '{}'",
    "kubectl patch deployment web --type=json -p '[1, null, \"x\"]'",
    'kubectl patch deployment web --type=json -p \'[{"op":"move","from":"/spec","path":"/spec/x"}]\'',
    'kubectl patch deployment web --type=json -p \'[{"op":"add","path":"/spec/template/spec/containers/99999999","value":1}]\'',
    'kubectl patch deployment web --type=json -p \'[{"op":"remove","path":""}]\'',
    'kubectl patch deployment web --type=json -p \'[{"op":"replace","path":"","value":null}]\'',
    'kubectl patch deployment web --type=json -p \'[{"op":"add","path":"/spec/replicas","value":"lots"}]\'',
    "kubectl patch deployment web --type=merge -p '{\"spec\":null}'",
    'kubectl patch deployment web --type=merge -p \'{"metadata":{"name":"other"}}\'',
    'kubectl patch deployment web --type=merge -p \'{"kind":"Pod"}\'',
    'kubectl patch deployment web -p \'{"spec":{"template":{"spec":{"containers":[{"$patch":"delete","name":"web"}]}}}}\'',
    "kubectl patch deployment web --type=weird -p '{}'",
    "kubectl patch deployment web -p 'a: &a [*a]'",
    "kubectl label deployment web 'a=b=c' '=x' '-' '--'",
    "kubectl annotate deployment web ''",
    "kubectl annotate deployment web 'k=\u001b[2J'",
    "kubectl label pods --all x=y",
    "kubectl get all -A",
    "kubectl describe",
    "kubectl describe deploy",
    "kubectl top pod --sort-by=nothing",
    "kubectl expose deployment web --port=99999999",
    "kubectl expose deployment web --port=80 --type=NodePort --name=a; kubectl expose deployment web --port=80 --type=NodePort --name=b",
    "kubectl get pods --server=http://169.254.169.254/",
    "kubectl --kubeconfig=/etc/passwd get pods",
    `kubectl get pods ${"-".repeat(10000)}`,
    `kubectl ${"get ".repeat(20000)}`,
  ];
  return lines.map((l, i) => ({
    name: `kubectl/${String(i).padStart(2, "0")}-${l.slice(8, 40).replace(/[^A-Za-z0-9]+/g, "-")}`,
    files: { "s.scn": created(l) },
    argv: run(),
    check: lacks(PASSWD),
  }));
}

/** Patterns that backtrack: they must not hang the run or the suite. */
function redos(): HostileCase[] {
  const longName = "a".repeat(60);
  const longNames = `at 0s kubectl create deployment ${longName} --image=nginx\nat 5s\n`;
  return [
    {
      name: "redos/grep-E-nested-plus",
      files: {
        "s.scn": `${longNames}kubectl get deploy | grep -E '(a+)+$'\nkubectl get deploy | grep -E '(a|a)*x'\nexpect deployment/${longName} replicas 1\n`,
      },
      argv: run(),
    },
    {
      name: "redos/grep-BRE-backrefs",
      files: {
        "s.scn": `${longNames}kubectl get deploy | grep '\\(a*\\)*\\1b'\nexpect deployment/${longName} replicas 1\n`,
      },
      argv: run(),
    },
    {
      name: "redos/grep-huge-pattern",
      files: {
        "s.scn": () =>
          `${longNames}kubectl get deploy | grep -E '${"(a?)".repeat(3000)}${"a".repeat(3000)}'\nexpect deployment/${longName} replicas 1\n`,
      },
      argv: run(),
    },
    {
      name: "redos/filter-stars",
      files: { [`${"a".repeat(60)}.scn`]: created("") },
      argv: ["test", ".", "--filter", "********************z"],
      exit: [2],
    },
    {
      name: "redos/filter-many-stars",
      files: { [`${"a".repeat(120)}/${"b".repeat(100)}.scn`]: created("") },
      argv: ["test", ".", "--filter", `${"*a".repeat(200)}z`],
      exit: [2],
    },
    {
      name: "redos/filter-regex-chars",
      files: { "ok.scn": created("") },
      argv: ["test", ".", "--filter", "(a+)+$[\\"],
      exit: [2],
    },
    {
      name: "redos/selector-spaces",
      files: { "s.scn": () => created(`kubectl get deploy -l 'a${" ".repeat(50000)}in'`) },
      argv: run(),
    },
    {
      name: "redos/duration-digits",
      files: { "s.scn": () => `at ${"1".repeat(100000)}x\nexpect replicas 1\n` },
      argv: check(),
      exit: [2],
    },
    {
      name: "redos/quantity-digits",
      files: { "s.scn": () => created(`load cpu ${"9".repeat(100000)}.${"9".repeat(100000)}Q`) },
      argv: check(),
      exit: [2],
    },
  ];
}

/** Durations and periods at the edges of the time axis. */
function time(): HostileCase[] {
  const c = (name: string, body: string, exit?: number[]): HostileCase => ({
    name: `time/${name}`,
    files: { "s.scn": created(body) },
    argv: run(),
    ...(exit ? { exit } : {}),
  });
  return [
    c("run-for-100y", "run for 36500d", [2]),
    c("run-for-99999d", "run for 99999d", [2]),
    c("at-99999d", "at 99999d kubectl get pods", [2]),
    c("within-99999d", "expect replicas 5 within 99999d", [2]),
    c("for-99999d", "expect replicas 1 for 99999d", [2]),
    c("from-to-huge", "expect replicas 1 from 1d to 99999d", [2]),
    c("run-until-huge", "run until 99999999999999999999d", [2]),
    c("duration-overflow", "run for 1e400s", [2]),
    c(
      "after-many",
      repeat(100, () => "after 1000d\n"),
      [2],
    ),
    c("sync-period-0", "set hpa.sync-period = 0s", [2]),
    c("sync-period-1ms", "set hpa.sync-period = 1ms", [2]),
    c("resolution-0", "set metrics.resolution = 0s", [2]),
    c("resolution-1ms", "set metrics.resolution = 1ms", [2]),
    c("custom-scrape-interval-1ms", "set metrics.custom-scrape-interval = 1ms", [2]),
    c("custom-window-0", "set metrics.custom-window = 0s"),
    c("startup-0", "set pod.startup = 0s"),
    c("startup-huge", "set pod.startup = 36500d", [0, 1, 2]),
    c("shutdown-huge", "set pod.shutdown = 36500d\nkubectl delete deploy web"),
    c("stabilization-huge", "set hpa.downscale-stabilization = 36500d"),
    c("ramp-over-0", "load cpu 100% ramp to 400% over 0s"),
    c("ramp-over-1ms", "load cpu 100% ramp to 400000% over 1ms"),
    c("steps-every-1ms", `load cpu steps ${Array(1000).fill("100% 200%").join(" ")} every 1ms`),
    c("steps-every-0", "load cpu steps 100% 200% every 0s"),
    c("memory-for-0", "load memory 50Mi per pod for 0s"),
    c(
      "sync-period-1s-long",
      "set hpa.sync-period = 1s\nset metrics.resolution = 1s\nkubectl autoscale deployment web --max=3 --cpu-percent=50\nrun for 1h",
    ),
    c(
      "setting-zero-values",
      "set hpa.tolerance = 0\nset cluster.nodes = 0\nset hpa.scale-up-limit-factor = 0\nset hpa.scale-up-limit-minimum = 0\nkubectl autoscale deployment web --max=3 --cpu-percent=50\nat 1m load cpu 500%\nrun for 5m",
    ),
    c("setting-unknown", "set nope = 0\nset hpa.sync-period = 0\nset seed = 0s", [2]),
    c("negative-looking", "set hpa.sync-period = -5s", [2]),
  ];
}

/** `replicast test` flags and suites. */
function suite(): HostileCase[] {
  const two = { "a.scn": created(""), "b.scn": created("") };
  return [
    ...["0/3", "4/3", "a/b", "1/0", "-1/2", "99999999999999999999/99999999999999999999", "1/", ""].map(
      (s): HostileCase => ({
        name: `suite/shard-${s || "empty"}`,
        files: two,
        argv: ["test", ".", "--shard", s],
        exit: [2],
      }),
    ),
    ...["0", "-1", "x", "1e9", "99999999999"].map((j): HostileCase => ({
      name: `suite/jobs-${j}`,
      files: two,
      argv: ["test", ".", "-j", j],
      exit: [0, 2],
    })),
    { name: "suite/junit-empty", files: two, argv: ["test", ".", "--junit", ""], exit: [2] },
    { name: "suite/junit-into-folder", files: two, argv: ["test", ".", "--junit", "."], exit: [2] },
    {
      name: "suite/junit-missing-folder",
      files: two,
      argv: ["test", ".", "--junit", "no/such/dir/r.xml"],
      exit: [2],
    },
    { name: "suite/reporter-unknown", files: two, argv: ["test", ".", "--reporter", "x"], exit: [2] },
    { name: "suite/filter-empty", files: two, argv: ["test", ".", "--filter", ""] },
    // --timeout is wall clock: 5 s leaves the quick scenarios room on a loaded machine (at a
    // load of 14 on 2 cores, 2 s timed one out), and stays under the case's CPU limit.
    {
      name: "suite/slow-scenario-timeout",
      files: {
        "a.scn": created(""),
        "slow.scn": created(
          "set hpa.sync-period = 1s\nset metrics.resolution = 1s\nkubectl scale deployment web --replicas=3000\nkubectl autoscale deployment web --min=3000 --max=3000 --cpu-percent=50\nat 1m load cpu 100000\nrun for 30d",
        ),
        "z.scn": created(""),
      },
      argv: ["test", ".", "-j", "2", "--timeout", "5s"],
      exit: [1],
      check: all(has("slow.scn"), has("2 passed")),
    },
    {
      name: "suite/slow-scenario-timeout-j1",
      files: {
        "a.scn": created(""),
        "slow.scn": created(
          "set hpa.sync-period = 1s\nset metrics.resolution = 1s\nkubectl scale deployment web --replicas=3000\nkubectl autoscale deployment web --min=3000 --max=3000 --cpu-percent=50\nat 1m load cpu 100000\nrun for 30d",
        ),
      },
      argv: ["test", ".", "-j", "1", "--timeout", "5s"],
      exit: [1],
      check: all(has("slow.scn"), has("1 passed")),
    },
    { name: "suite/timeout-bad", files: two, argv: ["test", ".", "--timeout", "0s"], exit: [2] },
    { name: "suite/no-scenarios", files: { "x.txt": "x" }, argv: ["test", "."], exit: [2] },
    { name: "suite/unknown-command", argv: ["nope"], exit: [2] },
    { name: "suite/unknown-flag", argv: ["run", "--nope"], exit: [2] },
  ];
}

/** A Node manifest (capacity as given), for `apply`. */
const NODE = (name: string, capacity: string, extra = "") => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
spec:
${extra || "  unschedulable: false\n"}status:
  capacity:
${capacity}`;

/** Nodes, node pools and Node manifests: huge counts, zero and negative capacity, absurd taints. */
function nodes(): HostileCase[] {
  const c = (name: string, body: string, exit?: number[], more?: Partial<HostileCase>): HostileCase => ({
    name: `nodes/${name}`,
    files: withDeploy(body),
    argv: run(),
    ...(exit ? { exit } : {}),
    ...more,
  });
  const taints = (n: number, f: (i: number) => string) =>
    `  taints:\n${repeat(n, (i) => `    - key: ${f(i)}\n      effect: NoSchedule\n`)}`;
  const nodeFile = (yaml: string, exit?: number[], check?: HostileCase["check"]): Partial<HostileCase> => ({
    files: {
      "deploy.yaml": DEPLOY,
      "node.yaml": yaml,
      "s.scn": "at 0s apply node\nat 0s apply deploy\nexpect replicas >= 0 always\n",
    },
    ...(exit ? { exit } : {}),
    ...(check ? { check } : {}),
  });
  return [
    c("count-100000", "nodes 100000 with cpu 4 memory 16Gi", [2], {
      check: has("more than one Kubernetes cluster supports (5000)"),
    }),
    c("count-huge", "nodes 99999999999999999999 with cpu 4 memory 16Gi", [2]),
    // A pool of none is one the cluster autoscaler may grow from zero.
    c("count-zero", "nodes 0 with cpu 4 memory 16Gi"),
    c("count-negative", "nodes -3 with cpu 4 memory 16Gi", [2]),
    c("count-fraction", "nodes 2.5 with cpu 4 memory 16Gi", [2]),
    c(
      "pools-past-5000",
      repeat(6, (i) => `nodes 1000 with cpu 1 memory 1Gi named p${i}\n`),
      [2],
      { check: has("asks for 6000 nodes") },
    ),
    c("cpu-zero", "nodes 3 with cpu 0 memory 16Gi", [0, 1, 2]),
    c("memory-zero", "nodes 3 with cpu 4 memory 0", [0, 1, 2]),
    c("cpu-negative", "nodes 3 with cpu -4 memory 16Gi", [2]),
    c("memory-negative", "nodes 3 with cpu 4 memory -16Gi", [2]),
    c("cpu-huge", "nodes 3 with cpu 1e30 memory 16Gi", [0, 2]),
    c("memory-huge", "nodes 3 with cpu 4 memory 999999999999Ei", [0, 2]),
    c("pods-zero", "nodes 3 with cpu 4 memory 16Gi pods 0", [0, 1, 2]),
    c("pods-huge", "nodes 3 with cpu 4 memory 16Gi pods 99999999999", [0, 2]),
    c("pool-name-bad", "nodes 3 with cpu 4 memory 16Gi named Pool_A!", [2]),
    c("pool-name-long", `nodes 3 with cpu 4 memory 16Gi named ${"a".repeat(5000)}`, [2]),
    c("pool-twice", "nodes 3 with cpu 4 memory 16Gi named a\nnodes 3 with cpu 4 memory 16Gi named a", [0, 2]),
    c("autoscale-without-nodes", "autoscale nodes from 1 to 10", [2]),
    c("autoscale-min-above-max", "nodes 3 with cpu 4 memory 16Gi\nautoscale nodes from 10 to 1", [2]),
    c("autoscale-max-huge", "nodes 3 with cpu 4 memory 16Gi\nautoscale nodes from 1 to 99999999", [2]),
    c("autoscale-provision-0", "nodes 3 with cpu 4 memory 16Gi\nautoscale nodes from 1 to 10 provision 0s"),
    c(
      "autoscale-provision-huge",
      "nodes 3 with cpu 4 memory 16Gi\nautoscale nodes from 1 to 10 provision 99999d",
      [0, 1, 2],
    ),
    c(
      "autoscale-scale-down-0",
      "nodes 3 with cpu 4 memory 16Gi\nautoscale nodes from 1 to 10 scale-down after 0s\nat 1m load cpu 5000%\nrun for 10m",
    ),
    c(
      "autoscale-unknown-pool",
      "nodes 3 with cpu 4 memory 16Gi named a\nautoscale nodes b from 1 to 10",
      [2],
    ),
    c(
      "autoscale-storm",
      "set hpa.sync-period = 1s\nnodes 1 with cpu 1 memory 1Gi\nautoscale nodes from 1 to 200 provision 1s\nkubectl autoscale deployment web --min=1 --max=500 --cpu-percent=1\nat 10s load cpu 10000000%\nrun for 10m",
      [0, 1, 2],
    ),
    {
      name: "nodes/manifest-zero-capacity",
      argv: run(),
      ...nodeFile(NODE("n1", '    cpu: "0"\n    memory: "0"\n    pods: "0"\n')),
    },
    {
      name: "nodes/manifest-negative-capacity",
      argv: run(),
      ...nodeFile(NODE("n1", '    cpu: "-4"\n    memory: "-1Gi"\n    pods: "-10"\n'), [0, 1, 2]),
    },
    {
      name: "nodes/manifest-capacity-not-quantities",
      argv: run(),
      ...nodeFile(NODE("n1", '    cpu: "lots"\n    memory: [1, 2]\n    pods: {a: 1}\n'), [0, 1, 2]),
    },
    {
      name: "nodes/manifest-10000-taints",
      argv: run(),
      ...nodeFile(
        NODE(
          "n1",
          '    cpu: "4"\n    memory: 16Gi\n',
          taints(10_000, (i) => `k${i}`),
        ),
      ),
    },
    {
      name: "nodes/manifest-taint-key-1mib",
      argv: run(),
      ...nodeFile(
        NODE(
          "n1",
          '    cpu: "4"\n    memory: 16Gi\n',
          taints(1, () => "k".repeat(1 << 20)),
        ),
        [0, 1, 2],
      ),
    },
    {
      name: "nodes/manifest-taint-bad-effect",
      argv: run(),
      ...nodeFile(
        NODE(
          "n1",
          '    cpu: "4"\n    memory: 16Gi\n',
          "  taints:\n    - key: a\n      effect: Explode\n    - {}\n    - 7\n",
        ),
        [0, 1, 2],
      ),
    },
    {
      name: "nodes/manifest-5000-nodes",
      argv: run(),
      ...nodeFile(
        repeat(5001, (i) => `${NODE(`n${i}`, '    cpu: "1"\n    memory: 1Gi\n')}---\n`),
        [0, 1, 2],
      ),
    },
    c("kubectl-get-nodes-before", "kubectl get nodes\nkubectl describe node nope\nkubectl top node", [0, 1]),
    c("cordon-unknown", "nodes 2 with cpu 4 memory 16Gi\nkubectl cordon nope\nkubectl drain nope", [0, 1]),
    c(
      "drain-everything",
      "nodes 2 with cpu 4 memory 16Gi\nat 10s kubectl drain node-1 --ignore-daemonsets\nat 10s kubectl drain node-2 --ignore-daemonsets --timeout=1s",
      [0, 1],
    ),
  ];
}

/** Faults: huge counts, zero and huge durations, unknown targets, thousands of them. */
function faults(): HostileCase[] {
  const c = (name: string, body: string, exit?: number[], check?: HostileCase["check"]): HostileCase => ({
    name: `faults/${name}`,
    files: withDeploy(body),
    argv: run(),
    ...(exit ? { exit } : {}),
    ...(check ? { check } : {}),
  });
  return [
    c("crash-100000000-pods", "at 5s fault crash deployment/web 100000000 pods for 1m", [1]),
    c("crash-0-pods", "at 5s fault crash deployment/web 0 pods for 1m", [0, 2]),
    c("crash-negative-pods", "at 5s fault crash deployment/web -2 pods for 1m", [2]),
    c("crash-for-0s", "at 5s fault crash deployment/web 1 pod for 0s", [0, 2]),
    c("crash-for-1ms", "at 5s fault crash deployment/web 1 pod for 1ms", [0, 2]),
    c("crash-for-99999d", "at 5s fault crash deployment/web 1 pod for 99999d", [2]),
    c("crash-for-1e400s", "at 5s fault crash deployment/web 1 pod for 1e400s", [2]),
    c("crash-unknown-deployment", "at 5s fault crash deployment/nope 1 pod", [1, 2]),
    c("crash-unknown-kind", "at 5s fault crash widget/nope 1 pod", [2]),
    c("crash-image-empty", 'at 5s fault crash image ""', [2], has("needs an image reference")),
    c(
      "pull-image-empty",
      'at 5s fault pull image ""',
      [2],
      has("`fault pull image` needs an image reference"),
    ),
    c("crash-image-1mib", `at 5s fault crash image ${"a".repeat(1 << 20)}`, [0, 2]),
    c(
      "crash-after-0",
      "set fault.crash-after = 0s\nat 5s fault crash deployment/web 2 pods for 10m\nrun for 20m",
      [0, 1, 2],
    ),
    c("crash-forever", "at 5s fault crash deployment/web 2 pods\nrun for 2d"),
    c("unready-no-probe", "at 5s fault unready deployment/web 1 pod for 1m", [1]),
    c("unready-huge-count", "at 5s fault unready deployment/web 99999999999999999999 pods", [1, 2]),
    c("metrics-down-0s", "at 5s fault metrics down for 0s", [0, 2]),
    c(
      "metrics-down-forever",
      "fault metrics down\nkubectl autoscale deployment web --max=5 --cpu-percent=50\nrun for 1d",
    ),
    c("scale-updates-unknown-hpa", "at 5s fault scale-updates hpa/nope for 1m", [1, 2]),
    c("node-down", "at 5s fault node node-1 down for 1m", [0, 1, 2]),
    c("node-down-unknown", "nodes 2 with cpu 4 memory 16Gi\nat 5s fault node nope down", [1, 2]),
    c(
      "10000-faults",
      repeat(10_000, (i) => `at ${i}s fault metrics down for 1s\n`),
      [0, 1, 2],
    ),
    c(
      "overlapping-crashes",
      repeat(500, (i) => `at ${i}s fault crash deployment/web 2 pods for 10m\n`),
      [0, 1],
    ),
  ];
}

/** Traffic files: malformed rows, absurd values, huge and empty files, Prometheus answers gone wrong. */
function traffic(): HostileCase[] {
  const c = (
    name: string,
    data: string,
    exit?: number[],
    check?: HostileCase["check"],
    load = 'load requests file "t.csv"',
  ): HostileCase => ({
    name: `traffic/${name}`,
    files: { ...withDeploy(`at 0s ${load}`), "t.csv": data },
    argv: run(),
    ...(exit ? { exit } : {}),
    ...(check ? { check } : {}),
  });
  const prom = (values: string) =>
    `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"job":"web"},"values":[${values}]}]}}`;
  return [
    c("empty", "", [2]),
    c("header-only", "time,value\n", [2]),
    c(
      "all-bad-rows",
      repeat(10_000, (i) => `${i},lots\n`),
      [2],
      has(/more/),
    ),
    c("times-decreasing", "0,1\n10,2\n5,3\n", [2]),
    c("times-equal", "0,1\n0,2\n", [2]),
    c("value-negative", "0,-5\n10,1\n", [2]),
    c("value-1e308", "0,1e308\n10,1\n", [0, 1, 2]),
    c("value-nan", "0,NaN\n10,Infinity\n", [2]),
    // An epoch time far in the future is still one sample, at the statement's time.
    c("time-1e20", "1e20,1\n", [0, 2]),
    c("time-negative", "-10,1\n0,2\n", [0, 2]),
    // 200,000 rows 10 ms apart: the reading, not a long run (33 minutes).
    c(
      "rows-200000",
      repeat(200_000, (i) => `${i / 100},${i < 100_000 ? 50 : 80}\n`),
      [0, 1],
    ),
    c(
      "rows-20000-changing",
      repeat(20_000, (i) => `${i * 30},${i % 500}\n`),
      [0, 1],
    ),
    c("columns-10000", `${repeat(10_000, (i) => `${i},`)}1\n`, [0, 2]),
    c("row-1mib", `0,${"1".repeat(1 << 20)}\n`, [2]),
    c("mixed-times", "0,1\n2024-03-04T10:00:00Z,2\n", [2]),
    c("binary", "\u0000\u0001\u0002\ufffe", [2]),
    c("prometheus-nan", prom('[0,"NaN"],[15,"1"]'), [2], undefined, 'load requests file "t.csv"'),
    c("prometheus-wrong-type", '{"status":"success","data":{"resultType":"vector","result":[]}}', [2]),
    c("prometheus-no-series", '{"status":"success","data":{"resultType":"matrix","result":[]}}', [2]),
    c("prometheus-values-not-pairs", prom('[1],[2,3,4],"x"'), [2]),
    c("prometheus-deep", `${"[".repeat(100_000)}${"]".repeat(100_000)}`, [2]),
    c("times-0", "0,1\n10,2\n", [2], undefined, 'load requests file "t.csv" times 0'),
    c("times-huge", "0,1\n10,2\n", [0, 1, 2], undefined, 'load requests file "t.csv" times 1e300'),
    c("column-unknown", "time,a,b\n0,1,2\n", [2], undefined, 'load requests file "t.csv" column "nope"'),
    c("series-unknown", prom('[0,"1"]'), [2], undefined, 'load requests file "t.csv" series job="nope"'),
    c("cpu-file-units", "0,lots\n", [2], undefined, 'load cpu file "t.csv"'),
    c("metric-file", "0,1e400\n", [2], undefined, 'load metric queue file "t.csv"'),
  ];
}

/** Namespaces and CustomResourceDefinitions: thousands of them, bad names, kinds that clash, deletion. */
function namespaces(): HostileCase[] {
  const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
  const crd = (
    plural: string,
    kind: string,
    group = "example.com",
    versions = "  - {name: v1, served: true, storage: true}\n",
  ) =>
    `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.${group}
spec:
  group: ${group}
  names: {kind: ${kind}, plural: ${plural}, singular: ${plural.replace(/s$/, "")}}
  scope: Namespaced
  versions:
${versions}`;
  const c = (
    name: string,
    yaml: string,
    lines: string,
    exit?: number[],
    check?: HostileCase["check"],
  ): HostileCase => ({
    name: `namespaces/${name}`,
    files: {
      "deploy.yaml": DEPLOY,
      "m.yaml": yaml,
      "s.scn": `at 0s apply m\nat 0s apply deploy\n${lines}\nexpect deployment/web replicas >= 0 always\n`,
    },
    argv: run(),
    ...(exit ? { exit } : {}),
    ...(check ? { check } : {}),
  });
  return [
    c(
      "5000-namespaces",
      repeat(5000, (i) => `${ns(`ns-${i}`)}---\n`),
      "at 1s kubectl get ns",
      [0],
    ),
    c("namespace-bad-name", ns("Not_A_Name!"), "", [2]),
    c("namespace-long-name", ns("a".repeat(64)), "", [2]),
    c(
      "namespace-delete-default",
      ns("x"),
      "at 1s kubectl delete namespace default\nat 2s kubectl delete namespace kube-system",
      [0, 1],
    ),
    c(
      "namespace-delete-while-used",
      ns("x"),
      "at 1s kubectl create deployment w --image=nginx -n x --replicas=50\nat 2s kubectl delete ns x\nat 3s kubectl create deployment v --image=nginx -n x",
      [0, 1],
    ),
    c("kubectl-n-huge", ns("x"), `at 1s kubectl get pods -n ${"a".repeat(100_000)}`, [0, 1, 2]),
    c("target-unknown-namespace", ns("x"), "expect nope/deployment/web replicas 1 within 1m", [1, 2]),
    c(
      "crd-1000-versions",
      crd(
        "widgets",
        "Widget",
        "example.com",
        repeat(1000, (i) => `  - {name: v${i}, served: true, storage: ${i === 0}}\n`),
      ),
      "at 1s kubectl get widgets",
      [0],
    ),
    c("crd-empty-names", crd("", ""), "", [0, 2]),
    c(
      "crd-name-mismatch",
      crd("widgets", "Widget").replace("name: widgets.example.com", "name: other.example.com"),
      "",
      [2],
    ),
    c(
      "crd-shadows-deployment",
      crd("deployments", "Deployment", "apps"),
      "at 1s kubectl get deployments",
      [0, 2],
    ),
    c(
      "crd-500-kinds",
      repeat(500, (i) => `${crd(`w${i}s`, `W${i}`)}---\n`),
      "at 1s kubectl get w499s",
      [0, 1],
    ),
    c(
      "crd-deleted-then-used",
      `${crd("widgets", "Widget")}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: a}\n`,
      "at 1s kubectl delete crd widgets.example.com\nat 2s kubectl get widgets\nat 3s kubectl describe widget a",
      [1],
      has("doesn't have a resource type"),
    ),
    c(
      "cr-before-crd",
      `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: a}\n---\n${crd("widgets", "Widget")}`,
      "",
      [2],
      has("ensure CRDs are installed first"),
    ),
    c(
      "cr-describe-deep",
      `${crd("widgets", "Widget")}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: a}\nspec: ${"{a: ".repeat(500)}1${"}".repeat(500)}\n`,
      "at 1s kubectl describe widget a",
      [0],
    ),
  ];
}

export const CATEGORIES: (() => HostileCase[])[] = [
  yaml,
  prototypeKeys,
  resources,
  sizes,
  paths,
  kubectl,
  redos,
  time,
  suite,
  nodes,
  faults,
  traffic,
  namespaces,
];

export function hostileCases(): HostileCase[] {
  const cases = CATEGORIES.flatMap((f) => f());
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.name)) throw new Error(`duplicate hostile case name ${c.name}`);
    seen.add(c.name);
  }
  return cases;
}

/** Write a case's files into `dir` (created). */
export function setUpCase(c: HostileCase, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [rel, content] of Object.entries(c.files ?? {})) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === "function" ? content() : content);
  }
  c.setup?.(dir);
}
