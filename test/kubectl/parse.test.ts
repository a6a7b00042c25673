import { describe, expect, it } from "vitest";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { diagnosticText } from "../../src/kubectl/run.ts";

describe("parseKubectl: errors are reported before anything runs, with the offending word's column", () => {
  // Wording: cobra command.go (unknown command), pflag flag.go (flags), the RESTMapper (types).
  const cases: { line: string; message: string; col: number; length?: number; hint?: string }[] = [
    { line: "foo pods", message: 'error: unknown command "foo" for "kubectl"', col: 1, length: 3 },
    {
      line: "gett pods",
      message: 'error: unknown command "gett" for "kubectl"',
      col: 1,
      hint: "Did you mean this?\n\tget\n\tset",
    },
    {
      line: "rollout stauts deploy/x",
      message: 'error: unknown command "stauts" for "kubectl rollout"',
      col: 9,
      hint: "Did you mean this?\n\tstatus",
    },
    {
      line: "get deploymnt",
      message: 'error: the server doesn\'t have a resource type "deploymnt"',
      col: 5,
      length: 9,
    },
    { line: "get pods --bogus", message: "error: unknown flag: --bogus", col: 10, length: 7 },
    { line: "get pods -x", message: "error: unknown shorthand flag: 'x' in -x", col: 10 },
    { line: "get pods -o", message: "error: flag needs an argument: 'o' in -o", col: 10 },
    { line: "create deployment d --image", message: "error: flag needs an argument: --image", col: 21 },
    {
      line: "scale deploy x --replicas=abc",
      message:
        'error: invalid argument "abc" for "--replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax',
      col: 16,
    },
    {
      line: "set image deploy/x a=b --record=yes",
      message:
        'error: invalid argument "yes" for "--record" flag: strconv.ParseBool: parsing "yes": invalid syntax',
      col: 24,
    },
    {
      line: "rollout undo rs/x",
      message: 'error: "kubectl rollout undo" on replicasets is not supported by the Replicast simulator',
      col: 14,
    },
    {
      line: "rollout status dploy/x",
      message: 'error: the server doesn\'t have a resource type "dploy"',
      col: 16,
      length: 5,
    },
    {
      line: "get pods -o bogus",
      message:
        'error: unable to match a printer suitable for the output format "bogus", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml',
      col: 10,
    },
    { line: "get", message: "error: Required resource not specified.", col: 1 },
    { line: "create deployment d", message: 'error: required flag(s) "image" not set', col: 1 },
    { line: "create deployment --image=x", message: "error: exactly one NAME is required, got 0", col: 1 },
    {
      line: "scale deploy x",
      message: "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
      col: 1,
    },
    {
      line: "autoscale deploy x --min=5 --max=3",
      message: "error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 3, min: 5",
      col: 1,
    },
    {
      line: "autoscale deploy x",
      message: "error: --max=MAXPODS is required and must be at least 1, max: -1",
      col: 1,
    },
    { line: "set image deploy/x", message: "error: at least one image update is required", col: 11 },
    { line: "delete deploy", message: "error: resource(s) were provided, but no name was specified", col: 8 },
    {
      line: "patch deploy x --type=yaml -p {}",
      message: 'error: --type must be one of [json merge strategic], not "yaml"',
      col: 1,
    },
    {
      line: "logs pod/x",
      message: 'error: "kubectl logs" is not supported by the Replicast simulator',
      col: 1,
    },
    {
      line: "get pods | jq .",
      message: "error: `| jq` is not supported after a kubectl command",
      col: 12,
    },
    {
      line: "get deploy,rx",
      message: 'error: the server doesn\'t have a resource type "rx"',
      col: 12,
      length: 2,
    },
  ];
  for (const c of cases) {
    it(c.line, () => {
      const r = parseKubectl(c.line);
      expect(r.command).toBeUndefined();
      expect(r.diagnostics[0].message).toBe(c.message);
      expect(r.diagnostics[0].col).toBe(c.col);
      if (c.length !== undefined) expect(r.diagnostics[0].length).toBe(c.length);
      if (c.hint !== undefined) expect(r.diagnostics[0].hint).toBe(c.hint);
    });
  }

  it("prints a usage error with kubectl's help line, an unknown command with cobra's", () => {
    expect(diagnosticText(parseKubectl("get pods --bogus").diagnostics[0])).toBe(
      "error: unknown flag: --bogus\nSee 'kubectl get -h' for help and examples\n",
    );
    expect(diagnosticText(parseKubectl("gett pods").diagnostics[0])).toBe(
      'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\n\nRun \'kubectl --help\' for usage.\n',
    );
    expect(diagnosticText(parseKubectl("xyzzy").diagnostics[0])).toBe(
      'error: unknown command "xyzzy" for "kubectl"\nRun \'kubectl --help\' for usage.\n',
    );
  });

  it("an unsupported verb the scenario language covers says what to write instead", () => {
    const [d] = parseKubectl(
      'run -i --tty load-generator --rm --image=busybox:1.28 --restart=Never -- /bin/sh -c "wget -q -O- http://php-apache"',
    ).diagnostics;
    expect(d.message).toBe(
      'error: "kubectl run --stdin" (there is no terminal to attach to) is not supported by the Replicast simulator',
    );
    expect(d.hint).toContain("`load deployment/php-apache requests 100/s`");
  });

  it("files a scenario cannot read: a URL, stdin — one refusal each, saying what to write", () => {
    const one = (line: string) => {
      const { diagnostics } = parseKubectl(line);
      expect(diagnostics).toHaveLength(1);
      return [diagnostics[0].message, diagnostics[0].col, diagnostics[0].hint];
    };
    expect(one("apply -f https://k8s.io/examples/application/php-apache.yaml")).toEqual([
      'error: "https://k8s.io/examples/application/php-apache.yaml" is a URL, and the Replicast simulator downloads nothing',
      10,
      "save the file beside the scenario (e.g. `curl -LO https://k8s.io/examples/application/php-apache.yaml`) and write `kubectl apply -f php-apache.yaml`",
    ]);
    expect(one("apply -f -")).toEqual([
      'error: "-f -" reads standard input, and a scenario has none',
      10,
      "put the manifest in the scenario with a heredoc (`apply <<YAML` … `YAML`), or in a file beside it: `kubectl apply -f FILE`",
    ]);
    // -k is read (src/kustomize): with -f or -R beside it, cli-runtime's FilenameOptions.validate.
    expect(parseKubectl("apply -k overlays/prod/").diagnostics).toEqual([]);
    expect(one("apply -k overlays/prod/ -f web.yaml")).toEqual([
      "error: only one of -f or -k can be specified",
      10,
      undefined,
    ]);
    expect(one("apply -k overlays/prod/ -R")).toEqual([
      "error: the -k flag can't be used with -f or -R",
      10,
      undefined,
    ]);
  });

  it("collects every flag error, not only the first", () => {
    expect(parseKubectl("get pods --a --b").diagnostics.map((d) => d.message)).toEqual([
      "error: unknown flag: --a",
      "error: unknown flag: --b",
    ]);
  });
});

describe("parseKubectl: forms kubectl accepts", () => {
  it("create deployment with the command after --", () => {
    const c = parseKubectl(
      "kubectl create deployment demo-rollout --image=busybox:v1 --replicas=3 -- sleep 3600",
    ).command;
    expect(c).toMatchObject({
      verb: "create",
      sub: "deployment",
      names: ["demo-rollout"],
      dashArgs: ["sleep", "3600"],
      flags: { image: ["busybox:v1"], replicas: 3 },
    });
  });

  const outputs: [string, unknown][] = [
    ["get pods -o wide", { kind: "table", wide: true }],
    ["get pods -owide", { kind: "table", wide: true }],
    ["get pods -o=yaml", { kind: "yaml" }],
    ["get pods --output json", { kind: "json" }],
    ["get pods --output=name", { kind: "name" }],
    ["get deploy x -o jsonpath='{.spec.replicas}'", { kind: "jsonpath", template: "{.spec.replicas}" }],
  ];
  for (const [line, out] of outputs)
    it(`output: ${line}`, () => expect(parseKubectl(line).command?.output).toEqual(out));

  const targets: [string, string, string[]][] = [
    ["rollout status deployment demo", "Deployment", ["demo"]],
    ["rollout status deployment/demo", "Deployment", ["demo"]],
    ["get deployments.apps demo", "Deployment", ["demo"]],
    ["get Deployment demo", "Deployment", ["demo"]],
    ["get po a b", "Pod", ["a", "b"]],
    ["describe horizontalpodautoscaler/h", "HorizontalPodAutoscaler", ["h"]],
    ["get svc", "Service", []],
    ["get cm", "ConfigMap", []],
    ["get rs", "ReplicaSet", []],
  ];
  for (const [line, kind, names] of targets) {
    it(`target: ${line}`, () => {
      const c = parseKubectl(line).command;
      expect(c?.resource?.kind).toBe(kind);
      expect(c?.names).toEqual(names);
    });
  }

  it("bool flags: bare, =true, =false; shorthand clusters", () => {
    expect(parseKubectl("set image deploy/x a=b --record").command?.flags.record).toBe(true);
    expect(parseKubectl("set image deploy/x a=b --record=false").command?.flags.record).toBe(false);
    expect(parseKubectl("get pods -wA").command?.flags).toMatchObject({
      watch: true,
      "all-namespaces": true,
    });
  });

  it("set image keeps CONTAINER=IMAGE pairs apart from the target", () => {
    const c = parseKubectl("set image deployment demo-rollout busybox=busybox:v2 nginx=nginx:1.15").command;
    expect(c?.names).toEqual(["demo-rollout"]);
    expect(c?.args).toEqual(["busybox=busybox:v2", "nginx=nginx:1.15"]);
  });

  it("annotate keeps k=v and k- apart from the target", () => {
    const c = parseKubectl("annotate deploy web a=1 b-").command;
    expect(c?.names).toEqual(["web"]);
    expect(c?.args).toEqual(["a=1", "b-"]);
  });

  it("a trailing | grep is kept as a filter", () => {
    expect(parseKubectl("describe deployment demo | grep -i image:").command?.pipeline).toEqual([
      {
        kind: "grep",
        pattern: "image:",
        ignoreCase: true,
        invert: false,
        extended: false,
      },
    ]);
  });

  it("get TYPE1,TYPE2 names several types", () => {
    expect(parseKubectl("get deploy,rs").command?.resources?.map((r) => r.kind)).toEqual([
      "Deployment",
      "ReplicaSet",
    ]);
  });

  it("marks reading commands", () => {
    const ro = (l: string) => parseKubectl(l).command?.readOnly;
    expect([
      ro("get pods"),
      ro("describe deploy x"),
      ro("rollout status deploy/x"),
      ro("rollout history deploy/x"),
    ]).toEqual([true, true, true, true]);
    expect([ro("rollout undo deploy/x"), ro("scale deploy x --replicas=1"), ro("delete pod x")]).toEqual([
      false,
      false,
      false,
    ]);
  });
});
