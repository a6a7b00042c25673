/**
 * kubectl as a scenario uses it: reads (get with -o wide|yaml|json|name|jsonpath, -l,
 * --sort-by, --show-labels, -w; describe; top; get events; get all; `| grep`), `watch`, and
 * writes (label, annotate, patch of every type, expose, scale, delete), including the ones
 * that fail at run time with kubectl's own error.
 */
import { deploymentReads, hpaReads, randomApp } from "../kit.ts";
import { configMap, deployment, hpaV2, randomStyle, service, toYaml } from "../manifests.ts";
import { dur, ScenarioWriter } from "../script.ts";
import type { Family } from "./family.ts";

const reads: Family = {
  name: "kubectl-read",
  count: 30,
  describe: "kubectl get/describe/top/events in every output format, and watch",
  make(r) {
    const w = new ScenarioWriter(r);
    const app = randomApp(r, { replicas: r.int(1, 4) });
    const style = randomStyle(r);
    const objects = [deployment(app.spec)];
    const withHpa = r.chance(0.5);
    const withSvc = r.chance(0.5);
    if (withSvc) objects.push(service(app.name, app.name, r.chance(0.5) ? "NodePort" : "ClusterIP"));
    if (withHpa)
      objects.push(
        hpaV2("autoscaling/v2", app.name, app.name, 1, r.int(3, 6), [
          { type: "Resource", resource: "cpu", target: "Utilization", value: 60 },
        ]),
      );
    if (r.chance(0.3))
      objects.push(configMap(`${app.name}-config`, { LOG_LEVEL: r.pick(["info", "debug"]) }));
    w.title(`kubectl reads on ${app.name}`);
    w.manifest(app.name, toYaml(objects, style));
    w.at(0, `apply ${app.name}`);
    if (r.chance(0.5))
      w.at(
        0,
        `watch ${r.pick([`deployment/${app.name}`, `deploy/${app.name}`, ...(withHpa ? [`hpa/${app.name}`] : [])])}`,
      );
    if (r.chance(0.3)) w.at(0, `kubectl get pods -w`);
    if (r.chance(0.3)) w.at(0, `kubectl get rs -w`);
    const pool = [
      ...deploymentReads(app.name, app.name),
      ...(withHpa ? hpaReads(app.name) : ["kubectl top pod", "kubectl top pod --containers --sum"]),
      ...(withSvc
        ? [
            `kubectl get svc`,
            `kubectl describe svc ${app.name}`,
            `kubectl get service ${app.name} -o yaml`,
            `kubectl get svc,deploy`,
          ]
        : []),
      `kubectl get cm`,
      `kubectl get deploy,rs,pods -o wide`,
      `kubectl get events -o wide`,
      `kubectl get ev -o json`,
      `kubectl get pods -o jsonpath='{.items[*].metadata.name}'`,
      `kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}'`,
      `kubectl describe pods -l app=${app.name}`,
      `kubectl get rs -o yaml`,
      `kubectl get pods -l 'app in (${app.name},other)'`,
      `kubectl get pods -l app!=${app.name}`,
      `kubectl get pods | grep -c Running`,
      `kubectl get pods | grep -v NAME`,
      `kubectl describe deploy ${app.name} | grep -E 'Replicas|Strategy'`,
    ];
    const end = r.step(120, 600, 60);
    if (r.chance(0.6)) w.at(r.step(20, 60, 5), `load cpu ${r.step(50, 400, 10)}%`);
    if (r.chance(0.5))
      w.at(
        r.step(60, end - 30, 5),
        `kubectl set image deployment/${app.name} ${app.container}=${app.name}:v9`,
      );
    for (const read of r.sample(pool, r.int(3, 7))) w.at(r.step(0, end - 10, 5), read);
    w.at(end - 10, `expect ready ${r.pick(["", ">= "])}${app.spec.replicas ?? 1}`);
    w.endAt(end);
    return w;
  },
};

const writes: Family = {
  name: "kubectl-write",
  count: 24,
  describe: "kubectl label, annotate, patch, expose, scale and delete, and their errors",
  make(r) {
    const w = new ScenarioWriter(r);
    const app = randomApp(r, { replicas: r.int(1, 4) });
    const style = randomStyle(r);
    const withHpa = r.chance(0.3);
    const objects = [deployment(app.spec)];
    if (withHpa)
      objects.push(
        hpaV2("autoscaling/v2", app.name, app.name, 1, 5, [
          { type: "Resource", resource: "cpu", target: "Utilization", value: 70 },
        ]),
      );
    w.title(`kubectl writes on ${app.name}`);
    w.manifest(app.name, toYaml(objects, style));
    w.at(0, `apply ${app.name}`);
    const n = app.name;
    const pool = [
      `kubectl label deployment ${n} team=payments`,
      `kubectl label deploy/${n} tier=backend --overwrite`,
      `kubectl label pods -l app=${n} canary=true`,
      `kubectl label pods --all env=prod`,
      `kubectl label deployment ${n} tier-`,
      `kubectl label deployment ${n} app=other`,
      `kubectl label pods -l app=${n} app=moved --overwrite`,
      `kubectl label deployment ${n} --list`,
      `kubectl annotate deployment ${n} owner=team-a`,
      `kubectl annotate deploy ${n} owner=team-b --overwrite`,
      `kubectl annotate deployment ${n} owner-`,
      `kubectl annotate pods -l app=${n} scraped=yes`,
      `kubectl annotate deployment ${n} kubernetes.io/change-cause="manual patch"`,
      `kubectl patch deployment ${n} -p '{"spec":{"replicas":${r.int(0, 5)}}}'`,
      `kubectl patch deploy ${n} --type=merge -p '{"spec":{"minReadySeconds":${r.pick([0, 5, 10])}}}'`,
      `kubectl patch deployment ${n} --type=json -p '[{"op":"replace","path":"/spec/replicas","value":${r.int(1, 5)}}]'`,
      `kubectl patch deployment ${n} --type=strategic -p '{"spec":{"template":{"metadata":{"labels":{"rev":"2"}}}}}'`,
      `kubectl patch deployment ${n} -p '{"spec":{"template":{"spec":{"containers":[{"name":"${app.container}","env":[{"name":"MODE","value":"fast"}]}]}}}}'`,
      `kubectl patch deployment ${n} --type=json -p '[{"op":"add","path":"/metadata/labels/patched","value":"yes"}]'`,
      `kubectl expose deployment ${n} --port=80 --target-port=8080`,
      `kubectl expose deployment ${n} --port=8080 --type=NodePort --name=${n}-np`,
      `kubectl expose deploy ${n} --port=443 --protocol=TCP --name=${n}-tls`,
      `kubectl scale deployment ${n} --replicas=${r.int(0, 6)}`,
      `kubectl scale deploy/${n} --current-replicas=${r.int(1, 4)} --replicas=${r.int(1, 6)}`,
      `kubectl delete pod -l app=${n}`,
      `kubectl delete pods --all`,
      ...(withHpa
        ? [`kubectl delete hpa ${n}`, `kubectl patch hpa ${n} -p '{"spec":{"maxReplicas":${r.int(2, 8)}}}'`]
        : []),
      `kubectl get deploy ${n} --show-labels`,
      `kubectl get pods --show-labels`,
      `kubectl get svc`,
      `kubectl describe deployment ${n}`,
      // Failing at run time, with kubectl's and the API server's words.
      `kubectl delete deployment no-such-app`,
      `kubectl scale deployment no-such-app --replicas=2`,
      `kubectl label deployment ${n} team=other`,
      `kubectl patch deployment ${n} -p '{"spec":{"replicas":-1}}'`,
      `kubectl rollout undo deployment/${n} --to-revision=${r.int(5, 9)}`,
      `kubectl get deploy nothing-here`,
      `kubectl describe hpa absent`,
    ];
    const end = r.step(120, 480, 30);
    let t = r.step(10, 40, 5);
    for (const line of r.sample(pool, r.int(4, 9))) {
      w.at(t, line);
      t += r.step(0, 40, 5);
    }
    if (r.chance(0.5)) w.at(t, `kubectl get all --show-labels`);
    w.at(
      t,
      `expect replicas ${r.pick(["", ">= ", "<= "])}${r.int(0, 5)} within ${dur(r.step(0, 60, 15), r)}`,
    );
    if (r.chance(0.5)) w.at(Math.max(t, end - 30), `kubectl delete deployment ${n}`);
    if (r.chance(0.3)) w.at(Math.max(t, end - 30) + 5, `kubectl get deploy`);
    w.endAt(end);
    return w;
  },
};

export const kubectlFamilies: Family[] = [reads, writes];
