/**
 * The kinds every cluster has, frozen: each cluster's registry extends this one
 * (`builtinKinds.extend()`), so what one run registers stays in that run.
 */
import { ConfigMapKind } from "./configMap/index.ts";
import { DeploymentKind } from "./deployment/index.ts";
import { HorizontalPodAutoscalerKind } from "./hpa/index.ts";
import { PodKind } from "./pod/index.ts";
import { NamespaceKind } from "./namespace/index.ts";
import { KindRegistry } from "./registry.ts";
import { STORED_KINDS } from "./stored/catalog.ts";
import { CustomResourceDefinitionKind } from "./stored/crd.ts";
import { ReplicaSetKind } from "./replicaSet/index.ts";
import { ServiceKind } from "./service/index.ts";

export const builtinKinds: KindRegistry = new KindRegistry()
  .register(DeploymentKind)
  .register(ReplicaSetKind)
  .register(PodKind)
  .register(ServiceKind)
  .register(ConfigMapKind)
  .register(HorizontalPodAutoscalerKind)
  .register(NamespaceKind);
for (const d of [...STORED_KINDS, CustomResourceDefinitionKind]) builtinKinds.register(d);
builtinKinds.freeze();
