/**
 * The kubectl commands Replicast understands, one module each, registered in the order cobra
 * lists them here (the order `kubectl --help` would show them in is its own: suggestions sort
 * by name). A run with more commands extends this frozen registry.
 */
import { CommandRegistry } from "../command.ts";
import { annotateCommand, labelCommand } from "./annotate.ts";
import { applyCommand } from "./apply.ts";
import { autoscaleCommand } from "./autoscale.ts";
import { createDeploymentCommand } from "./create.ts";
import { createFromFileCommand } from "./createFromFile.ts";
import { createNamespaceCommand } from "./createNamespace.ts";
import { createConfigMapCommand } from "./createConfigMap.ts";
import { createSecretGenericCommand } from "./createSecret.ts";
import { createServiceCommand } from "./createService.ts";
import { createPdbCommand } from "./createPdb.ts";
import { createJobCommand } from "./createJob.ts";
import { createCronJobCommand } from "./createCronJob.ts";
import { createQuotaCommand } from "./createQuota.ts";
import { deleteCommand } from "./delete.ts";
import { describeCommand } from "./describe.ts";
import { exposeCommand } from "./expose.ts";
import { getCommand } from "./get.ts";
import { configCommands } from "./config.ts";
import { eventsCommand } from "./kubectlEvents.ts";
import { patchCommand } from "./patch.ts";
import { rolloutCommands } from "./rollout/index.ts";
import { scaleCommand } from "./scale.ts";
import { setImageCommand } from "./setImage.ts";
import { setEnvCommand } from "./setEnv.ts";
import { setResourcesCommand } from "./setResources.ts";
import { topNodeCommand, topPodCommand } from "./top.ts";
import { cordonCommand, uncordonCommand } from "./cordon.ts";
import { taintCommand } from "./taint.ts";
import { drainCommand } from "./drain.ts";
import { waitCommand } from "./wait.ts";
import { replaceCommand } from "./replace.ts";
import { runCommand } from "./run.ts";
import { kustomizeCommand } from "./kustomize.ts";
import { versionCommand } from "./version.ts";
import { apiResourcesCommand, apiVersionsCommand } from "./apiResources.ts";
import { diffCommand } from "./diff.ts";
import { explainCommand } from "./explain.ts";

const builtin = new CommandRegistry();
for (const c of [
  createFromFileCommand,
  runCommand,
  createDeploymentCommand,
  createNamespaceCommand,
  createConfigMapCommand,
  createSecretGenericCommand,
  createServiceCommand,
  createPdbCommand,
  createJobCommand,
  createCronJobCommand,
  createQuotaCommand,
  applyCommand,
  replaceCommand,
  setImageCommand,
  setResourcesCommand,
  setEnvCommand,
  ...rolloutCommands,
  scaleCommand,
  autoscaleCommand,
  deleteCommand,
  patchCommand,
  annotateCommand,
  exposeCommand,
  labelCommand,
  getCommand,
  describeCommand,
  eventsCommand,
  topPodCommand,
  topNodeCommand,
  cordonCommand,
  uncordonCommand,
  taintCommand,
  drainCommand,
  waitCommand,
  kustomizeCommand,
  ...configCommands,
  versionCommand,
  apiResourcesCommand,
  apiVersionsCommand,
  diffCommand,
  explainCommand,
])
  builtin.register(c);

export const builtinCommands: CommandRegistry = builtin.freeze();
