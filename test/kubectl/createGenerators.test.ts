/**
 * `kubectl create configmap`, `create secret generic` and `create service …`
 * (kubectl/pkg/cmd/create/create_configmap.go, create_secret.go, create_service.go; the
 * sources as kubectl/pkg/util ParseLiteralSource/ParseFileSource and cmd/util AddFromEnvFile
 * read them), with files shaped like the "Configure a Pod to Use a ConfigMap" task page's
 * configure-pod-container/configmap folder.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import type { KubeObject, Service } from "../../src/k8s/types.ts";
import { parsePorts } from "../../src/kubectl/commands/createService.ts";
import { parseEnvFile, parseFileSource, parseLiteralSource } from "../../src/kubectl/commands/dataSources.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import type { DirEntry } from "../../src/kubectl/visitor.ts";

const files: Record<string, string> = {
  "configmap/game.properties": "enemies=aliens\nlives=3\nsecret.code.allowed=true\n",
  "configmap/ui.properties": "color.good=purple\nhow.nice.to.look=fairlyNice\n",
  "configmap/game-env-file.properties": '# comment\nenemies=aliens\n  lives=3\n\nallowed="true"\n',
};
const dirs: Record<string, DirEntry[]> = {
  configmap: Object.keys(files).map((f) => ({ name: f.slice("configmap/".length), dir: false })),
};
const options = { readFile: (p: string) => files[p], listDir: (p: string) => dirs[p.replace(/\/$/, "")] };
const k = (c: Simulation, line: string) => runKubectl(line, c, options);
const get = (c: Simulation, kind: string, name: string) =>
  c.api.get(kind, "default", name) as (KubeObject & { data?: Record<string, string> }) | undefined;

describe("the sources (ParseLiteralSource, ParseFileSource, AddFromEnvFile)", () => {
  it("a literal splits at the first `=` and loses surrounding quotes", () => {
    expect(parseLiteralSource("url=http://x/?a=b")).toEqual({ key: "url", value: "http://x/?a=b" });
    expect(parseLiteralSource("type='charm'")).toEqual({ key: "type", value: "charm" });
    expect(parseLiteralSource("=v")).toBe("invalid literal source =v, expected key=value");
  });
  it("a file source is a path (key: its base name) or key=path", () => {
    expect(parseFileSource("configmap/game.properties")).toEqual({
      key: "game.properties",
      path: "configmap/game.properties",
    });
    expect(parseFileSource("game=configmap/game.properties")).toEqual({
      key: "game",
      path: "configmap/game.properties",
    });
    expect(parseFileSource("a=b=c")).toBe("key names or file paths cannot contain '='");
    expect(parseFileSource("=x")).toBe("key name for file path x missing");
  });
  it("an env file: comments and blank lines skipped, leading blanks trimmed, quotes kept", () => {
    expect(parseEnvFile(files["configmap/game-env-file.properties"])).toEqual([
      { key: "enemies", value: "aliens" },
      { key: "lives", value: "3" },
      { key: "allowed", value: '"true"' },
    ]);
  });
});

describe("kubectl create configmap", () => {
  it("from a folder: one key per file, named after it", () => {
    const c = new Simulation();
    expect(k(c, "create configmap game-config --from-file=configmap/")).toMatchObject({
      exitCode: 0,
      stdout: "configmap/game-config created\n",
    });
    expect(Object.keys(get(c, "ConfigMap", "game-config")?.data ?? {})).toEqual([
      "game-env-file.properties",
      "game.properties",
      "ui.properties",
    ]);
  });
  it("from literals, printed by --dry-run=client -o yaml as kubectl builds it", () => {
    const r = k(
      new Simulation(),
      "create configmap special-config --from-literal=special.how=very --from-literal=special.type=charm --dry-run=client -o yaml",
    );
    expect(r.stdout).toBe(
      "apiVersion: v1\ndata:\n  special.how: very\n  special.type: charm\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: special-config\n",
    );
  });
  it("refuses a bad or repeated key, and a name taken, in kubectl's words", () => {
    const c = new Simulation();
    expect(k(c, "create configmap a --from-literal=bad/key=1").stderr).toBe(
      `error: "bad/key" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`,
    );
    expect(k(c, "create configmap a --from-literal=x=1 --from-literal=x=2").stderr).toBe(
      'error: cannot add key "x", another key by that name already exists in Data for ConfigMap "a"\n',
    );
    k(c, "create configmap a --from-literal=x=1");
    expect(k(c, "create configmap a --from-literal=x=1").stderr).toBe(
      'error: failed to create configmap: configmaps "a" already exists\n',
    );
  });
  it("--from-env-file goes alone", () => {
    expect(
      parseKubectl("kubectl create configmap a --from-env-file=x.env --from-literal=a=b").diagnostics.map(
        (d) => d.message,
      ),
    ).toEqual(["error: from-env-file cannot be combined with from-file or from-literal"]);
  });
});

describe("kubectl create secret generic", () => {
  it("base64-encodes each value; the API server makes it Opaque", () => {
    const c = new Simulation();
    expect(
      k(
        c,
        "create secret generic db-user-pass --from-literal=username=admin --from-literal=password='S!B\\*d$zDsb='",
      ).stdout,
    ).toBe("secret/db-user-pass created\n");
    const s = get(c, "Secret", "db-user-pass") as KubeObject & { data: Record<string, string>; type: string };
    expect(s.data).toEqual({ username: "YWRtaW4=", password: "UyFCXCpkJHpEc2I9" });
    expect(s.type).toBe("Opaque");
  });
  it("other secret types are refused with what to write instead", () => {
    const d = parseKubectl("kubectl create secret tls web-tls").diagnostics;
    expect(d.map((x) => x.message)).toEqual([
      'error: "kubectl create secret tls" is not supported by the Replicast simulator',
    ]);
    expect(d[0].hint).toContain("apply a Secret manifest");
  });
});

describe("kubectl create service", () => {
  it("nodeport: labelled and selecting app=NAME, a port named after its pair", () => {
    const c = new Simulation();
    expect(k(c, "create service nodeport web --tcp=80:8080").stdout).toBe("service/web created\n");
    const s = c.api.get("Service", "default", "web") as Service;
    expect(s.metadata.labels).toEqual({ app: "web" });
    expect(s.spec).toMatchObject({ type: "NodePort", selector: { app: "web" } });
    expect(s.spec.ports).toMatchObject([{ name: "80-8080", port: 80, protocol: "TCP", targetPort: 8080 }]);
    expect(k(c, "get svc web").stdout).toMatch(/^web\s+NodePort\s+10\.\S+\s+<none>\s+80:3\d{4}\/TCP\s/m);
  });
  it("externalname: the name shows as the external IP", () => {
    const c = new Simulation();
    k(c, "create service externalname ext --external-name=db.example.com");
    expect(k(c, "get svc ext").stdout).toMatch(/^ext\s+ExternalName\s+<none>\s+db\.example\.com\s+<none>\s/m);
  });
  it("parsePorts: port[:target], the target a number or a port name", () => {
    expect(parsePorts("80")).toEqual({ port: 80, targetPort: 80 });
    expect(parsePorts("443:https")).toEqual({ port: 443, targetPort: "https" });
    expect(parsePorts("x:80")).toBe('strconv.ParseUint: parsing "x": invalid syntax');
    expect(parsePorts("80:0")).toBe("must be between 1 and 65535, inclusive");
  });
  it("what Validate refuses", () => {
    const messages = (line: string) => parseKubectl(line).diagnostics.map((d) => d.message);
    expect(messages("kubectl create service clusterip web")).toEqual([
      "error: at least one tcp port specifier must be provided",
    ]);
    expect(messages("kubectl create service externalname ext --external-name=Not_A_Host")).toEqual([
      "error: invalid service external name Not_A_Host",
    ]);
    expect(messages("kubectl create service nodeport web --tcp=80 --clusterip=None")).toEqual([
      "error: unknown flag: --clusterip",
    ]);
    expect(messages("kubectl create service headless web")[0]).toBe(
      'error: unknown command "headless" for "kubectl create service"',
    );
  });
});

describe("--save-config (util.CreateOrUpdateAnnotation)", () => {
  it("every generator records what it sent as the last applied configuration; without it, nothing", () => {
    const c = new Simulation();
    k(c, "create deployment web --image=nginx:1.25 --save-config");
    k(c, "create configmap settings --from-literal=mode=fast --save-config");
    k(c, "create namespace staging --save-config");
    const annotation = (kind: string, ns: string, name: string) =>
      c.api.get(kind, ns, name)?.metadata.annotations?.["kubectl.kubernetes.io/last-applied-configuration"];
    expect(JSON.parse(annotation("ConfigMap", "default", "settings") ?? "{}")).toMatchObject({
      kind: "ConfigMap",
      data: { mode: "fast" },
    });
    expect(JSON.parse(annotation("Deployment", "default", "web") ?? "{}")).toMatchObject({
      kind: "Deployment",
    });
    expect(annotation("Namespace", "", "staging")).toBeDefined();
    expect(k(c, "create deployment plain --image=nginx:1.25").stdout).toBe("deployment.apps/plain created\n");
    expect(annotation("Deployment", "default", "plain")).toBeUndefined();
  });
});

describe("kubectl create poddisruptionbudget (create_pdb.go)", () => {
  it("a policy/v1 budget over the selector's pods; its status fields always show", () => {
    const r = k(
      new Simulation(),
      "create pdb web-pdb --selector='app=web,tier in (fe)' --max-unavailable=50% --dry-run=client -o yaml",
    );
    expect(r.stdout).toBe(
      "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  creationTimestamp: null\n  name: web-pdb\n" +
        "spec:\n  maxUnavailable: 50%\n  selector:\n    matchExpressions:\n    - key: tier\n      operator: In\n      values:\n      - fe\n    matchLabels:\n      app: web\n" +
        "status:\n  currentHealthy: 0\n  desiredHealthy: 0\n  disruptionsAllowed: 0\n  expectedPods: 0\n",
    );
    const c = new Simulation();
    expect(k(c, "create pdb web-pdb --selector=app=web --min-available=2").stdout).toBe(
      "poddisruptionbudget.policy/web-pdb created\n",
    );
    expect(c.api.get("PodDisruptionBudget", "default", "web-pdb")).toMatchObject({
      spec: { minAvailable: 2 },
    });
  });
  it("what Validate refuses", () => {
    const messages = (line: string) => parseKubectl(line).diagnostics.map((d) => d.message);
    expect(messages("kubectl create pdb p --min-available=1")).toEqual([
      "error: a selector must be specified",
    ]);
    expect(messages("kubectl create pdb p --selector=app=web")).toEqual([
      "error: one of min-available or max-unavailable must be specified",
    ]);
    expect(messages("kubectl create pdb p --selector=app=web --min-available=1 --max-unavailable=1")).toEqual(
      ["error: min-available and max-unavailable cannot be both specified"],
    );
    expect(messages("kubectl create pdb p --selector=app=web --min-available=10GB")).toEqual([
      "error: invalid format specified for min-available",
    ]);
  });
});
