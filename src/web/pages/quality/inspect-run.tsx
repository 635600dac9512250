import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Drawer, Flex, Form, Image, Input, InputNumber, List, Progress, Result, Space, Spin, Tag, Typography } from 'antd';
import { CameraOutlined, CheckOutlined, CloseCircleFilled, CloseOutlined, CloudOutlined, LeftOutlined, MinusOutlined, RightOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { InspectionTemplate } from '../../../common/quality/template';
import { itemResult, scoreInspection } from '../../../common/quality/scoring';
import { ApiError } from '../../api/client';
import { inspectionStep, useInspection, type InspectionDetail } from '../../api/quality';
import { attachmentUrl, uploadAttachment } from '../../api/work-orders';
import { StepFields } from '../../shared/step-form/step-form';
import { isPendingSignature, stepBody, type FormValues } from '../../shared/step-form/step-values';
import { useDocumentTitle } from '../../shared/use-document-title';
import { answersBody, applicableItems, dropOutbox, dropPhoto, forget, isAnswered, isLocalPhoto, keepPhoto, loadDraft, loadOutbox, localPhoto, saveDraft, saveOutbox, type DraftAnswer, type InspectionDraft, type OutboxEntry } from './inspection-draft';
import { InspectionResult } from './inspection-result';
import { useQualityI18n } from './use-quality-i18n';

/** Targets a gloved thumb hits: at least 48 px. */
const BIG = { height: 56, fontSize: 18 } as const;

type Entry = ReturnType<typeof applicableItems>[number];

/** Most photos of one item. */
const ITEM_PHOTOS = 6;

/** One photo of an item: a blob kept on the phone (`local:` id) or one already uploaded. */
function ItemPhoto({ id, onRemove }: { id: string; onRemove: () => void }) {
  const { t } = useQualityI18n();
  const [url, setUrl] = useState<string | null>(isLocalPhoto(id) ? null : attachmentUrl(id, true));
  useEffect(() => {
    if (!isLocalPhoto(id)) return;
    let objectUrl: string | null = null;
    void localPhoto(id).then((blob) => {
      if (!blob) return;
      objectUrl = URL.createObjectURL(blob);
      setUrl(objectUrl);
    });
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [id]);
  if (!url) return null;
  return (
    <div style={{ position: 'relative' }}>
      <Image src={url} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 6 }} alt={t('report.photos')} />
      <Button type="text" size="small" aria-label={t('common.remove')} icon={<CloseCircleFilled />} onClick={onRemove} style={{ position: 'absolute', top: -8, right: -8, color: '#595959' }} />
    </div>
  );
}

/**
 * Photos of a failed item from the back camera, kept on the phone as blobs (IndexedDB) and
 * uploaded with the submission, so a photo taken without network is not lost.
 */
function ItemPhotos({ inspectionId, value, onChange }: { inspectionId: string; value: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useQualityI18n();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const add = async (files: FileList | null) => {
    setError(null);
    let ids = value;
    for (const file of Array.from(files ?? []).slice(0, ITEM_PHOTOS - value.length)) {
      try {
        ids = [...ids, await keepPhoto(inspectionId, file)];
      } catch (cause) {
        setError(t('inspect.photoFailed', { message: cause instanceof Error ? cause.message : String(cause) }));
      }
    }
    onChange(ids);
    if (input.current) input.current.value = '';
  };
  const remove = (id: string) => {
    onChange(value.filter((x) => x !== id));
    if (isLocalPhoto(id)) void dropPhoto(id);
  };
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        {value.map((id) => (
          <ItemPhoto key={id} id={id} onRemove={() => remove(id)} />
        ))}
      </Flex>
      <input ref={input} type="file" accept="image/*" capture="environment" multiple style={{ display: 'none' }} data-testid="fail-photo" onChange={(e) => void add(e.target.files)} />
      <Button icon={<CameraOutlined />} size="large" block disabled={value.length >= ITEM_PHOTOS} onClick={() => input.current?.click()}>
        {t('inspect.takePhoto', { n: value.length })}
      </Button>
      {value.some(isLocalPhoto) ? <Typography.Text type="secondary">{t('inspect.photoLocal')}</Typography.Text> : null}
      {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
    </Flex>
  );
}

/** The answer controls of one item, by its answer type, with N/A, a note and photos on failure. */
function ItemCard({ inspectionId, entry, answer, onChange, error }: { inspectionId: string; entry: Entry; answer: DraftAnswer | undefined; onChange: (a: DraftAnswer) => void; error?: string }) {
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
            <ItemPhotos inspectionId={inspectionId} value={a.photoIds ?? []} onChange={(photoIds) => set({ photoIds })} />
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
  return <DraftLoader detail={detail} />;
}

/** Reads what this phone kept of the inspection (IndexedDB) before the runner starts. */
function DraftLoader({ detail }: { detail: InspectionDetail }) {
  const [kept, setKept] = useState<{ draft: InspectionDraft; queued: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([loadDraft(detail.id), loadOutbox(detail.id)])
      .then(([draft, outbox]) => setKept({ draft, queued: outbox !== null }))
      .catch((cause: unknown) => setError(String(cause)));
  }, [detail.id]);
  if (error) return <Alert type="error" title={error} />;
  return kept ? <Runner detail={detail} initial={kept.draft} queued={kept.queued} /> : <Spin />;
}

function BackLink() {
  const { t } = useQualityI18n();
  return (
    <Link to="/quality">
      <LeftOutlined /> {t('common.back')}
    </Link>
  );
}

function Runner({ detail, initial, queued }: { detail: InspectionDetail; initial: InspectionDraft; queued: boolean }) {
  const { t, tl } = useQualityI18n();
  const client = useQueryClient();
  const template = detail.template as unknown as InspectionTemplate;
  const entries = useMemo(() => applicableItems(template, detail.level), [template, detail.level]);
  const [draft, setDraft] = useState<InspectionDraft>(initial);
  const [saved, setSaved] = useState<'no' | 'yes' | 'failed'>(Object.keys(initial.answers).length ? 'yes' : 'no');
  const [online, setOnline] = useState(() => navigator.onLine);
  const [form] = Form.useForm<FormValues>();
  const [state, setState] = useState<'idle' | 'sending' | 'queued'>(queued ? 'queued' : 'idle');
  const [error, setError] = useState<string | null>(null);
  const [itemErrors, setItemErrors] = useState<Record<string, string>>({});
  const [contents, setContents] = useState(false);
  const [done, setDone] = useState<InspectionDetail | null>(null);
  const action = detail.actions[0]!;
  const sending = useRef(false);

  const update = (next: InspectionDraft) => {
    setDraft(next);
    saveDraft(detail.id, next).then(
      () => setSaved('yes'),
      () => setSaved('failed'),
    );
  };
  const answerMap = useMemo(() => new Map(Object.entries(draft.answers)), [draft.answers]);
  const score = useMemo(() => scoreInspection(template, answerMap, detail.level), [template, answerMap, detail.level]);
  const answered = entries.filter((e) => isAnswered(draft.answers[e.path], e.item.answer)).length;
  const index = Math.min(draft.index, entries.length);
  const go = (i: number) => update({ ...draft, index: Math.max(0, Math.min(i, entries.length)) });

  /**
   * Sends the outbox entry: the photos kept on the phone and the signature first (each once: the
   * ids are kept with the entry), then the step with its Idempotency-Key.
   */
  const flush = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      const entry = await loadOutbox(detail.id);
      if (!entry) return;
      setState('sending');
      setError(null);
      try {
        for (const local of Object.values(entry.answers).flatMap((items) => Object.values(items).flatMap((a) => (a.photoIds as string[] | undefined) ?? []))) {
          if (!isLocalPhoto(local) || entry.uploaded[local]) continue;
          const blob = await localPhoto(local);
          if (!blob) continue;
          entry.uploaded[local] = (await uploadAttachment(blob, 'photo', 'photo.jpg')).id;
          await saveOutbox(detail.id, entry);
        }
        if (entry.signatureField && entry.signature && !entry.signatureId) {
          entry.signatureId = (await uploadAttachment(entry.signature, 'signature', 'signature.png')).id;
          await saveOutbox(detail.id, entry);
        }
        const answers = Object.fromEntries(
          Object.entries(entry.answers).map(([c, items]) => [
            c,
            Object.fromEntries(Object.entries(items).map(([k, a]) => [k, a.photoIds ? { ...a, photoIds: (a.photoIds as string[]).map((id) => entry.uploaded[id] ?? id).filter((id) => !isLocalPhoto(id)) } : a])),
          ]),
        );
        const body = { ...entry.body, answers, ...(entry.signatureField && entry.signatureId ? { [entry.signatureField]: entry.signatureId } : {}) };
        const result = await inspectionStep(detail.id, entry.action, body, entry.idempotencyKey);
        await forget(detail.id);
        setDone(result);
        void client.invalidateQueries({ queryKey: ['quality'] });
      } catch (cause) {
        if (cause instanceof ApiError && cause.status === 0) {
          setState('queued');
          return;
        }
        // Refused: the outbox is dropped (the draft and photos stay) and the inspector sees why, where it applies.
        await dropOutbox(detail.id);
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
      }
    } finally {
      sending.current = false;
    }
  }, [action.records, client, detail.id, form, t]);

  useEffect(() => {
    void flush();
    const up = () => {
      setOnline(true);
      void flush();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [flush]);

  const submit = async () => {
    await form.validateFields();
    const values = form.getFieldsValue(true) as FormValues;
    const body: Record<string, unknown> = stepBody(action, values);
    const entry: OutboxEntry = { action: action.key, body: {}, answers: answersBody(template, detail.level, draft), uploaded: {}, idempotencyKey: crypto.randomUUID() };
    for (const [name, value] of Object.entries(body)) {
      if (isPendingSignature(value)) {
        const png = await value.toPng();
        if (png) {
          entry.signatureField = name;
          entry.signature = png;
        }
      } else entry.body[name] = value;
    }
    await saveOutbox(detail.id, entry);
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
      <Flex gap={8} align="center" wrap data-testid="draft-status">
        {saved === 'yes' ? (
          <Typography.Text type="secondary">
            <CheckOutlined /> {t('inspect.savedLocal')}
          </Typography.Text>
        ) : null}
        {saved === 'failed' ? <Typography.Text type="danger">{t('inspect.saveFailed')}</Typography.Text> : null}
      </Flex>
      {!online && state !== 'queued' ? <Alert type="info" showIcon icon={<CloudOutlined />} title={t('inspect.offline')} data-testid="inspect-offline" /> : null}
      {state === 'queued' ? <Alert type="warning" showIcon title={t('inspect.queued')} action={<Button onClick={() => void flush()}>{t('common.retry')}</Button>} data-testid="inspect-queued" /> : null}
      {current ? (
        <>
          <Typography.Text type="secondary" data-testid="inspect-progress">
            {t('inspect.progress', { n: index + 1, total: entries.length })}
          </Typography.Text>
          <ItemCard key={current.path} inspectionId={detail.id} entry={current} answer={draft.answers[current.path]} error={itemErrors[current.path]} onChange={(a) => update({ ...draft, answers: { ...draft.answers, [current.path]: a } })} />
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
