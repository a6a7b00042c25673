/**
 * A CustomResourceDefinition's status.acceptedNames after an update, and NamesAccepted when its
 * names conflict with another CRD of the group, as apiextensions-apiserver's
 * NamingConditionController computes them (pkg/controller/status/naming_controller.go
 * calculateNamesAndConditions, equalToAcceptedOrFresh, getAcceptedNamesForGroup) and the
 * EstablishingController marks it Established (establish/establishing_controller.go).
 */
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { crdYaml } from "../kubectl/widgetManifests.ts";

const FILES: Record<string, string> = {
  "widgets.yaml": crdYaml("widgets", "Widget"),
  "widgets-v2.yaml": crdYaml("widgets", "Widget", ", singular: wid, shortNames: [wd], categories: [all]"),
  "gadgets.yaml": crdYaml("gadgets", "Gadget", ", shortNames: [wd, gd]"),
  "gadgets-kind.yaml": crdYaml("gadgets", "Widget"),
};

async function run(lines: string): Promise<string[]> {
  const r = await runWith(defaultServices, `scenario "crd names"\n${lines}run for 30s\n`, "s.scn", {
    host: memoryHost(FILES),
  });
  // What the reads printed: the apply lines' own output left out.
  return r.output.map((o) => o.text).filter((t) => !t.startsWith("customresourcedefinition"));
}

const names = (crd: string) => `kubectl get crd ${crd}.example.com -o jsonpath='{.status.acceptedNames}'`;
const conditions = (crd: string) =>
  `kubectl get crd ${crd}.example.com -o jsonpath='{range .status.conditions[*]}{.type}={.status} {.reason} "{.message}" {.lastTransitionTime}{"\\n"}{end}'`;

describe("status.acceptedNames", () => {
  it("an update's new names are accepted; NamesAccepted keeps its first transition time", async () => {
    const out = await run(
      `at 0s kubectl apply -f widgets.yaml\nat 10s kubectl apply -f widgets-v2.yaml\nat 11s ${names("widgets")}\nat 12s ${conditions("widgets")}\n`,
    );
    expect(out).toEqual([
      '{"categories":["all"],"kind":"Widget","listKind":"WidgetList","plural":"widgets","shortNames":["wd"],"singular":"wid"}',
      'NamesAccepted=True NoConflicts "no conflicts found" 2024-01-01T00:00:00Z\n' +
        'Established=True InitialNamesAccepted "the initial names have been accepted" 2024-01-01T00:00:00Z',
    ]);
  });

  it("a short name another CRD of the group has accepted: ShortNamesConflict, the rest accepted, not Established", async () => {
    const out = await run(
      `at 0s kubectl apply -f widgets-v2.yaml\nat 5s kubectl apply -f gadgets.yaml\nat 6s ${names("gadgets")}\nat 7s ${conditions("gadgets")}\n`,
    );
    expect(out).toEqual([
      '{"kind":"Gadget","listKind":"GadgetList","plural":"gadgets","singular":"gadget"}',
      'NamesAccepted=False ShortNamesConflict ""wd" is already in use" 2024-01-01T00:00:05Z\n' +
        'Established=False NotAccepted "not all names are accepted" 2024-01-01T00:00:05Z',
    ]);
  });

  it("the conflict over, an update takes the names and the CRD is Established", async () => {
    const out = await run(
      `at 0s kubectl apply -f widgets.yaml\nat 5s kubectl apply -f gadgets-kind.yaml\nat 6s ${conditions("gadgets")}\nat 10s kubectl apply -f gadgets.yaml\nat 11s ${names("gadgets")}\nat 12s ${conditions("gadgets")}\n`,
    );
    expect(out).toEqual([
      // Kind and listKind both taken: the last check's reason is the one kept.
      'NamesAccepted=False ListKindConflict ""WidgetList" is already in use" 2024-01-01T00:00:05Z\n' +
        'Established=False NotAccepted "not all names are accepted" 2024-01-01T00:00:05Z',
      '{"kind":"Gadget","listKind":"GadgetList","plural":"gadgets","shortNames":["wd","gd"],"singular":"gadget"}',
      'NamesAccepted=True NoConflicts "no conflicts found" 2024-01-01T00:00:10Z\n' +
        'Established=True InitialNamesAccepted "the initial names have been accepted" 2024-01-01T00:00:10Z',
    ]);
  });
});
