import { useState, type ReactNode } from 'react';
import { App, Button, Flex } from 'antd';
import type { ActionDescription } from '../../../common/work/records';
import { ApiError } from '../../api/client';
import { useGateStep, type GateKind } from '../../api/gate';
import { StepDialog } from '../../shared/step-form/step-form';
import { useGateI18n } from './use-gate-i18n';

/** What a gate item offers its steps from: its id, version, community and described steps. */
export interface SteppedItem {
  id: string;
  version: number;
  communityId: string;
  actions: ActionDescription[];
  state: { name: Record<'zh-CN' | 'en-US', string> };
}

/**
 * The buttons of a pass's, slip's or decoration's steps, one per entry of its `actions` (read
 * from its pinned standard, in the standard's order; nothing here knows a step's name). A step
 * that asks for no records is one tap; any other opens the shared step form, with `before`
 * above its fields (e.g. the goods to check against the slip).
 */
export function GateSteps<R extends SteppedItem>({
  kind,
  item,
  subject,
  before,
  size = 'large',
  onDone,
}: {
  kind: GateKind;
  item: R;
  /** What the success message names (the visitor, the unit). */
  subject: string;
  before?: (action: ActionDescription) => ReactNode;
  size?: 'large' | 'middle' | 'small';
  onDone?: (next: R) => void;
}) {
  const { t, tl } = useGateI18n();
  const { message } = App.useApp();
  const step = useGateStep<R>(kind);
  const [open, setOpen] = useState<ActionDescription | null>(null);
  const done = (action: ActionDescription, next: R) => {
    void message.success(t('step.done', { action: tl(action.name), subject, state: tl(next.state.name) }));
    onDone?.(next);
  };
  const tap = async (action: ActionDescription) => {
    try {
      done(action, await step.mutateAsync({ id: item.id, action: action.key, body: {}, version: item.version }));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  if (!item.actions.length) return null;
  return (
    <>
      <Flex gap={8} wrap>
        {item.actions.map((action, i) => (
          <Button
            key={action.key}
            type={i === 0 ? 'primary' : 'default'}
            size={size}
            loading={step.isPending && step.variables?.action === action.key}
            data-testid={`step-${action.key}`}
            onClick={() => (action.records.length ? setOpen(action) : void tap(action))}
          >
            {tl(action.name)}
          </Button>
        ))}
      </Flex>
      {open ? (
        <StepDialog
          action={open}
          target={{ communityId: item.communityId }}
          title={`${tl(open.name)} · ${subject}`}
          before={before?.(open)}
          submit={(body) => step.mutateAsync({ id: item.id, action: open.key, body, version: item.version })}
          onClose={() => setOpen(null)}
          onDone={(next) => {
            setOpen(null);
            done(open, next);
          }}
        />
      ) : null}
    </>
  );
}
