/**
 * Transactions: up to 25 set / delete / check operations on distinct keys, all committed or none.
 * Conditions are evaluated against the value stored when the transaction runs; the engine runs
 * every request to completion before the next one starts, so check-then-write is atomic.
 *
 * A condition that does not hold cancels the whole transaction. The platform's exact code for
 * that is not documented; we answer 409 (the legacy storage client's "Conflicting update
 * occurred") with code CONDITIONAL_CHECK_FAILED, which `@forge/kvs` surfaces as a
 * `ForgeKvsAPIError` whose `code` is that string.
 */
import { evaluateGroup, parseConditionGroup, type ConditionGroup } from './conditions';
import { badRequest, conditionFailed, limitExceeded, validationError } from './errors';
import { planSet } from './item-ops';
import { LIMITS, validateKey } from './limits';
import { noContent, type OperationContext, type OperationHandler } from './operation';
import { entityNamespaceFor, isRecord, parseSetOptions, requireObject } from './request-parsing';
import { KV_NAMESPACE, type Mutation } from './store-state';

type Kind = 'set' | 'delete' | 'check';

interface Operation {
  kind: Kind;
  raw: Record<string, unknown>;
  ns: string;
  key: string;
  conditions?: ConditionGroup;
}

function listOf(body: Record<string, unknown>, kind: Kind): Record<string, unknown>[] {
  const list = body[kind];
  if (list === undefined) return [];
  if (!Array.isArray(list) || !list.every(isRecord)) throw badRequest(`transaction "${kind}" must be a list of objects`);
  return list;
}

function parseOperation(context: OperationContext, kind: Kind, raw: Record<string, unknown>): Operation {
  const key = validateKey(raw.key);
  const ns = raw.entityName === undefined ? KV_NAMESPACE : entityNamespaceFor(context.state, raw.entityName);
  const conditions = parseConditionGroup(raw.conditions);
  if (conditions && ns === KV_NAMESPACE) throw badRequest('conditions apply to custom entities only; add entityName');
  if (kind === 'check' && (!conditions || ns === KV_NAMESPACE)) throw badRequest('check needs an entityName and conditions');
  if (conditions) {
    const definition = context.state.entity(raw.entityName as string);
    for (const clause of conditions.clauses) {
      if (definition && !(clause.property in definition.attributes)) {
        throw validationError(`condition on undeclared attribute "${clause.property}"`);
      }
    }
  }
  return { kind, raw, ns, key, conditions };
}

const transaction: OperationHandler = (context, rawBody) => {
  const body = requireObject(rawBody);
  const operations = (['set', 'delete', 'check'] as const).flatMap((kind) =>
    listOf(body, kind).map((raw) => ({ kind, raw })),
  );
  if (operations.length === 0) throw badRequest('A transaction needs at least one operation');
  if (operations.length > LIMITS.transactionMaxOperations) {
    throw validationError(
      `A transaction can contain at most ${LIMITS.transactionMaxOperations} operations; got ${operations.length}`,
    );
  }
  if (Buffer.byteLength(JSON.stringify(body), 'utf8') > LIMITS.requestMaxBytes) {
    throw limitExceeded(`Transaction payload exceeds ${LIMITS.requestMaxBytes} bytes`);
  }

  const parsed = operations.map(({ kind, raw }) => parseOperation(context, kind, raw));
  const seen = new Set<string>();
  for (const op of parsed) {
    const identity = `${op.ns}\u0000${op.key}`;
    if (seen.has(identity)) throw validationError(`Each key can only be used once in a transaction: "${op.key}"`);
    seen.add(identity);
  }

  const mutations: Mutation[] = [];
  parsed.forEach((op, position) => {
    if (op.conditions) {
      const current = context.state.live(op.ns, op.key, context.now);
      if (!evaluateGroup(op.conditions, current?.value as Record<string, unknown> | undefined)) {
        throw conditionFailed(`Transaction cancelled: the condition of ${op.kind} #${position + 1} on key "${op.key}" is not met`);
      }
    }
    if (op.kind === 'set') {
      mutations.push(planSet(context, op.ns, op.key, op.raw.value, parseSetOptions(op.raw.options)).mutation);
    } else if (op.kind === 'delete' && context.state.peek(op.ns, op.key)) {
      mutations.push({ ns: op.ns, key: op.key, item: null });
    }
  });
  return noContent(mutations);
};

export const transactionHandlers: Record<string, OperationHandler> = { transaction };
