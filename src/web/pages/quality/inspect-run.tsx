import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Drawer, Flex, Form, Input, InputNumber, List, Progress, Result, Space, Spin, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, LeftOutlined, MinusOutlined, RightOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { InspectionTemplate } from '../../../common/quality/template';
import { itemResult, scoreInspection } from '../../../common/quality/scoring';
import { ApiError } from '../../api/client';
import { inspectionStep, useInspection, type InspectionDetail } from '../../api/quality';
import { uploadAttachment } from '../../api/work-orders';
import { PhotoUpload } from '../work-orders/photo-upload';
import { StepFields } from '../../shared/step-form/step-form';
import { isPendingSignature, stepBody, type FormValues } from '../../shared/step-form/step-values';
import { useDocumentTitle } from '../../shared/use-document-title';
import { answersBody, applicableItems, blobToDataUrl, dataUrlToBlob, forget, isAnswered, loadDraft, loadOutbox, saveDraft, saveOutbox, type DraftAnswer, type InspectionDraft, type OutboxEntry } from './inspection-draft';
import { InspectionResult } from './inspection-result';
import { useQualityI18n } from './use-quality-i18n';

/** Targets a gloved thumb hits: at least 48 px. */
const BIG = { height: 56, fontSize: 18 } as const;

type Entry = ReturnType<typeof applicableItems>[number];

/** The answer controls of one item, by its answer type, with N/A, a note and photos on failure. */
function ItemCard({ entry, answer, onChange, error }: { entry: Entry; answer: DraftAnswer | undefined; onChange: (a: DraftAnswer) => void; error?: string }) {
  const { t, tl } = useQualityI18n();
  const { item, category } = entry;
  const a = answer ?? {};
  const outcome = itemResult(item, a).outcome;
  const set = (patch: Partial<DraftAnswer>) => onChange({ ...a, ...patch });
  const na = a.result === 'na';
  const choice = (result: 'pass' | 'fail' | 'na', icon: React.ReactNode, danger = false) => (
    <Button
      key={result}
      block
      style={BIG}
      icon={icon}
      type={a.result === result ? 'primary' : 'default'}
      danger={danger && a.result === result}
      aria-pressed={a.result === result}
      data-testid={`answer-${result}`}
      onClick={() => set({ result, ...(result === 'na' ? { score: undefined, value: undefined, text: undefined } : {}) })}
    >
      {t(`inspect.${result}`)}
    </Button>
  );
  const range = item.pass ? `${item.pass.min ?? '…'} – ${item.pass.max ?? '…'}${item.unit ? ` ${tl(item.unit)}` : ''}` : null;
  return (
    <Card size="small" data-testid="inspect-item" data-item={entry.path}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Flex justify="space-between" align="baseline" gap={8} wrap>
          <Typography.Text type="secondary">{tl(category.name)}</Typography.Text>
          <Flex gap={4}>
            {item.critical ? <Tag color="red">{t('inspect.critical')}</Tag> : null}
            {item.answer !== 'text' ? <Tag>{t('inspect.points', { n: item.points })}</Tag> : null}
          </Flex>
        </Flex>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="item-text">
          {tl(item.text)}
        </Typography.Title>
        {item.answer === 'pass_fail' ? (
          <Flex vertical gap={8}>
            {choice('pass', <CheckOutlined />)}
            {choice('fail', <CloseOutlined />, true)}
            {choice('na', <MinusOutlined />)}
          </Flex>
        ) : (
          <Flex vertical gap={8}>
            {item.answer === 'score' && !na ? (
              <Flex gap={8} wrap>
                {Array.from({ length: Math.min(item.points, 10) + 1 }, (_, i) => (item.points <= 10 ? i : Math.round((i * item.points) / 10))).map((n) => (
                  <Button key={n} style={{ ...BIG, minWidth: 56 }} type={a.score === n ? 'primary' : 'default'} onClick={() => set({ score: n, result: undefined })} data-testid={`score-${n}`}>
                    {n}
                  </Button>
                ))}
              </Flex>
            ) : null}
            {item.answer === 'number' && !na ? (
              <Flex vertical gap={4}>
                <InputNumber
                  size="large"
                  style={{ width: '100%', ...BIG }}
                  inputMode="decimal"
                  min={item.min}
                  max={item.max}
                  value={a.value}
                  addonAfter={item.unit ? tl(item.unit) : undefined}
                  placeholder={t('inspect.reading')}
                  onChange={(v) => set({ value: v === null ? undefined : Number(v), result: undefined })}
                  data-testid="answer-value"
                />
                {range ? <Typography.Text type="secondary">{t('inspect.passRange', { range })}</Typography.Text> : null}
              </Flex>
            ) : null}
            {item.answer === 'text' && !na ? (
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} placeholder={t('inspect.text')} value={a.text} onChange={(e) => set({ text: e.target.value, result: undefined })} data-testid="answer-text" />
            ) : null}
            {choice('na', <MinusOutlined />)}
          </Flex>
        )}
        {outcome === 'fail' ? (
          <Flex vertical gap={4}>
            {item.photoOnFail ? <Typography.Text type={a.photoIds?.length ? 'secondary' : 'danger'}>{t('inspect.photoNeeded')}</Typography.Text> : null}
            <PhotoUpload large value={a.photoIds ?? []} onChange={(photoIds) => set({ photoIds })} testId="fail-photo" />
          </Flex>
        ) : null}
        <Input.TextArea autoSize={{ minRows: 1 }} maxLength={500} placeholder={t('inspect.note')} value={a.note} onChange={(e) => set({ note: e.target.value })} data-testid="answer-note" />
        {error ? <Alert type="error" showIcon title={error} data-testid="item-error" /> : null}
      </Space>
    </Card>
  );
}

/** The running score as a ring with how many items are answered. */
function ScoreBar({ score, answered, total }: { score: number | null; answered: number; total: number }) {
  const { t } = useQualityI18n();
  return (
    <Flex align="center" gap={12} data-testid="running-score">
      <Progress type="circle" size={56} percent={score ?? 0} format={() => (score === null ? t('inspect.noScore') : String(score))} status={score !== null && score < 60 ? 'exception' : 'normal'} />
      <Flex vertical>
        <Typography.Text strong>{t('inspect.score')}</Typography.Text>
        <Typography.Text type="secondary">{t('inspect.answered', { n: answered, total })}</Typography.Text>
      </Flex>
    </Flex>
  );
}

/**
 * Running one inspection on a phone: item by item with big targets, the score as it goes, then the
 * staff member inspected and a signature. Everything given is kept on the phone under the
 * inspection's id; a submission without network waits in an outbox and is sent (with the same
 * Idempotency-Key, so never twice) as soon as the phone is back online.
 */
export function InspectRun() {
  const { id = '' } = useParams();
  const { t, tl } = useQualityI18n();
  const query = useInspection(id);
  useDocumentTitle(t('inspect.title'));
  if (query.isPending) return <Spin />;
  if (query.error) return <Alert type="error" title={t('common.loadFailed', { message: query.error.message })} />;
  const detail = query.data;
  if (detail.stateType !== 'open' || detail.actions.length === 0) {
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <BackLink />
        {detail.submittedAt ? (
          <Result status="success" title={t('inspect.submitted', { score: detail.score ?? '—' })} style={{ padding: 16 }} />
        ) : (
          <Alert type="info" title={t('inspect.notOpen', { state: tl(detail.stateName) })} />
        )}
        <InspectionResult detail={detail} />
      </Space>
    );
  }
  return <Runner detail={detail} />;
}

function BackLink() {
  const { t } = useQualityI18n();
  return (
    <Link to="/quality">
      <LeftOutlined /> {t('common.back')}
    </Link>
  );
}

function Runner({ detail }: { detail: InspectionDetail }) {
  const { t, tl } = useQualityI18n();
  const client = useQueryClient();
  const template = detail.template as unknown as InspectionTemplate;
  const entries = useMemo(() => applicableItems(template, detail.level), [template, detail.level]);
  const [draft, setDraft] = useState<InspectionDraft>(() => loadDraft(detail.id));
  const [form] = Form.useForm<FormValues>();
  const [state, setState] = useState<'idle' | 'sending' | 'queued'>(() => (loadOutbox(detail.id) ? 'queued' : 'idle'));
  const [error, setError] = useState<string | null>(null);
  const [itemErrors, setItemErrors] = useState<Record<string, string>>({});
  const [contents, setContents] = useState(false);
  const [done, setDone] = useState<InspectionDetail | null>(null);
  const action = detail.actions[0]!;
  const sending = useRef(false);

  const update = (next: InspectionDraft) => {
    setDraft(next);
    saveDraft(detail.id, next);
  };
  const answerMap = useMemo(() => new Map(Object.entries(draft.answers)), [draft.answers]);
  const score = useMemo(() => scoreInspection(template, answerMap, detail.level), [template, answerMap, detail.level]);
  const answered = entries.filter((e) => isAnswered(draft.answers[e.path], e.item.answer)).length;
  const index = Math.min(draft.index, entries.length);
  const go = (i: number) => update({ ...draft, index: Math.max(0, Math.min(i, entries.length)) });

  /** Sends the outbox entry: the signature first (once), then the step with its Idempotency-Key. */
  const flush = useCallback(async () => {
    const entry = loadOutbox(detail.id);
    if (!entry || sending.current) return;
    sending.current = true;
    setState('sending');
    setError(null);
    try {
      let body = entry.body;
      if (entry.signatureField && entry.signaturePng) {
        if (!entry.signatureId) {
          entry.signatureId = (await uploadAttachment(dataUrlToBlob(entry.signaturePng), 'signature', 'signature.png')).id;
          saveOutbox(detail.id, entry);
        }
        body = { ...body, [entry.signatureField]: entry.signatureId };
      }
      const result = await inspectionStep(detail.id, entry.action, body, entry.idempotencyKey);
      forget(detail.id);
      setDone(result);
      void client.invalidateQueries({ queryKey: ['quality'] });
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 0) {
        setState('queued');
        return;
      }
      // Refused: the outbox is dropped and the inspector sees why, where it applies.
      window.localStorage.removeItem(`wuye.quality.outbox.${detail.id}`);
      setState('idle');
      if (cause instanceof ApiError) {
        const perItem: Record<string, string> = {};
        const other: string[] = [];
        for (const [path, text] of Object.entries(cause.fields)) {
          const m = /^answers\.([^.]+)\.([^.]+)/.exec(path);
          if (m) perItem[`${m[1]}.${m[2]}`] = text;
          else if (action.records.some((r) => r.name === path.split('.')[0])) form.setFields([{ name: path.split('.')[0]!, errors: [text] }]);
          else other.push(text);
        }
        setItemErrors(perItem);
        setError(Object.keys(perItem).length || other.length ? [t('inspect.fixErrors'), ...other].join('；') : cause.message);
      } else setError(String(cause));
    } finally {
      sending.current = false;
    }
  }, [action.records, client, detail.id, form, t]);

  useEffect(() => {
    void flush();
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [flush]);

  const submit = async () => {
    await form.validateFields();
    const values = form.getFieldsValue(true) as FormValues;
    const body: Record<string, unknown> = stepBody(action, values);
    const entry: OutboxEntry = { action: action.key, body: {}, idempotencyKey: crypto.randomUUID() };
    for (const [name, value] of Object.entries(body)) {
      if (isPendingSignature(value)) {
        const png = await value.toPng();
        if (png) {
          entry.signatureField = name;
          entry.signaturePng = await blobToDataUrl(png);
        }
      } else entry.body[name] = value;
    }
    entry.body.answers = answersBody(template, detail.level, draft);
    saveOutbox(detail.id, entry);
    await flush();
  };

  if (done) {
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Result status="success" title={t('inspect.submitted', { score: done.score ?? '—' })} style={{ padding: 16 }} />
        <InspectionResult detail={done} />
        <Link to="/quality">
          <Button block size="large">
            {t('common.back')}
          </Button>
        </Link>
      </Space>
    );
  }

  const current = entries[index];
  const restPass = () => {
    if (!current) return;
    const answers = { ...draft.answers };
    for (const e of entries) if (e.category.key === current.category.key && e.item.answer === 'pass_fail' && !isAnswered(answers[e.path], 'pass_fail')) answers[e.path] = { ...answers[e.path], result: 'pass' };
    update({ ...draft, answers });
  };
  const missing = entries.filter((e) => !isAnswered(draft.answers[e.path], e.item.answer));

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 520, margin: '0 auto', display: 'flex' }} data-testid="inspect-run">
      <Flex justify="space-between" align="center">
        <BackLink />
        <Button icon={<UnorderedListOutlined />} onClick={() => setContents(true)} data-testid="inspect-contents">
          {t('inspect.jump')}
        </Button>
      </Flex>
      <Flex vertical>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {tl(detail.templateName)}
        </Typography.Title>
        <Typography.Text type="secondary">
          {detail.place} · {detail.number}
        </Typography.Text>
      </Flex>
      <ScoreBar score={score.total} answered={answered} total={entries.length} />
      {state === 'queued' ? <Alert type="warning" showIcon title={t('inspect.queued')} action={<Button onClick={() => void flush()}>{t('common.retry')}</Button>} data-testid="inspect-queued" /> : null}
      {current ? (
        <>
          <Typography.Text type="secondary" data-testid="inspect-progress">
            {t('inspect.progress', { n: index + 1, total: entries.length })}
          </Typography.Text>
          <ItemCard key={current.path} entry={current} answer={draft.answers[current.path]} error={itemErrors[current.path]} onChange={(a) => update({ ...draft, answers: { ...draft.answers, [current.path]: a } })} />
          {current.item.answer === 'pass_fail' ? (
            <Button type="link" onClick={restPass} data-testid="rest-pass">
              {t('inspect.restPass')}
            </Button>
          ) : null}
          <Flex gap={8}>
            <Button style={BIG} block icon={<LeftOutlined />} disabled={index === 0} onClick={() => go(index - 1)}>
              {t('inspect.prev')}
            </Button>
            <Button style={BIG} block type="primary" onClick={() => go(index + 1)} data-testid="inspect-next">
              {index === entries.length - 1 ? t('inspect.finish') : t('inspect.next')} <RightOutlined />
            </Button>
          </Flex>
        </>
      ) : (
        <Card title={t('inspect.summary')} size="small" data-testid="inspect-summary">
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Typography.Text>{t('inspect.failed', { n: score.categories.reduce((n, c) => n + c.failedItems.length, 0) })}</Typography.Text>
            {missing.length ? (
              <Alert
                type="warning"
                title={t('inspect.unanswered', { n: missing.length })}
                action={
                  <Button size="small" onClick={() => go(entries.indexOf(missing[0]!))}>
                    {t('inspect.toItem')}
                  </Button>
                }
              />
            ) : null}
            <Form<FormValues> form={form} layout="vertical" data-testid="inspect-records">
              <StepFields action={action} target={{ communityId: detail.communityId }} large />
            </Form>
            {error ? <Alert type="error" showIcon title={error} data-testid="inspect-error" /> : null}
            <Button type="primary" style={BIG} block loading={state === 'sending'} disabled={missing.length > 0 || state === 'queued'} onClick={() => void submit().catch(() => undefined)} data-testid="inspect-submit">
              {state === 'sending' ? t('inspect.sending') : t('inspect.submit')}
            </Button>
            <Button block onClick={() => go(entries.length - 1)}>
              <LeftOutlined /> {t('inspect.prev')}
            </Button>
          </Space>
        </Card>
      )}
      <Drawer open={contents} placement="bottom" size="80%" title={t('inspect.jump')} onClose={() => setContents(false)}>
        <List
          dataSource={entries}
          renderItem={(e, i) => {
            const outcome = itemResult(e.item, draft.answers[e.path]).outcome;
            const color = { pass: 'success', fail: 'error', na: 'default', unscored: 'processing', unanswered: undefined }[outcome];
            return (
              <List.Item
                onClick={() => {
                  go(i);
                  setContents(false);
                }}
                style={{ cursor: 'pointer', minHeight: 48 }}
              >
                <Flex justify="space-between" style={{ width: '100%' }} gap={8}>
                  <span>{`${i + 1}. ${tl(e.item.text)}`}</span>
                  {color ? <Tag color={color}>{outcome === 'unscored' ? t('inspect.text') : t(`inspect.${outcome as 'pass' | 'fail' | 'na'}`)}</Tag> : null}
                </Flex>
              </List.Item>
            );
          }}
        />
      </Drawer>
    </Space>
  );
}
