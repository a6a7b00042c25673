/**
 * The kinds every cluster has, frozen: each cluster's registry extends this one
 * (`builtinKinds.extend()`), so what one run registers stays in that run.
 */
import { ConfigMapKind } from "./configMap/index.ts";
import { ControllerRevisionKind } from "./controllerRevision/index.ts";
import { DeploymentKind } from "./deployment/index.ts";
import { EndpointSliceKind } from "./endpointSlice/index.ts";
import { HorizontalPodAutoscalerKind } from "./hpa/index.ts";
import { PodKind } from "./pod/index.ts";
import { NamespaceKind } from "./namespace/index.ts";
import { NodeKind } from "./node/index.ts";
import { PodDisruptionBudgetKind } from "./pdb/index.ts";
import { PriorityClassKind } from "./priorityClass/index.ts";
import { KindRegistry } from "./registry.ts";
import { STORED_KINDS } from "./stored/catalog.ts";
import { CustomResourceDefinitionKind } from "./stored/crd.ts";
import { ReplicaSetKind } from "./replicaSet/index.ts";
import { ServiceKind } from "./service/index.ts";
import { StatefulSetKind } from "./statefulSet/index.ts";

export const builtinKinds: KindRegistry = new KindRegistry()
  .register(DeploymentKind)
  .register(ReplicaSetKind)
  .register(StatefulSetKind)
  .register(ControllerRevisionKind)
  .register(PodKind)
  .register(ServiceKind)
  .register(ConfigMapKind)
  .register(HorizontalPodAutoscalerKind)
  .register(NamespaceKind)
  .register(NodeKind)
  .register(PodDisruptionBudgetKind)
  .register(PriorityClassKind);
for (const d of [...STORED_KINDS, CustomResourceDefinitionKind, EndpointSliceKind]) builtinKinds.register(d);
builtinKinds.freeze();
