import { useState } from 'react';
import { App, Button, Collapse, Flex, Form, Input, Radio, Select } from 'antd';
import { ScanOutlined, WifiOutlined } from '@ant-design/icons';
import { INCIDENT_TYPE_KEYS } from '../../../common/incidents';
import type { CheckInInput, PatrolRound } from '../../api/security';
import { ApiError } from '../../api/client';
import { usePatrolActions } from '../../api/security';
import { PhotoUpload } from '../work-orders/photo-upload';
import { ScanTag, scanSupport } from './scan-tag';
import type { SecurityMessageKey } from './security-messages';
import { useSecurityI18n } from './use-security-i18n';

const REPAIR_CATEGORIES = ['common_lighting', 'access_control', 'locks', 'plumbing', 'electrical', 'lift', 'walls_floors', 'other'] as const;

interface Values {
  tagId: string;
  note?: string;
  photoIds?: string[];
  hazard: 'none' | 'repair' | 'incident';
  description?: string;
  category?: string;
  incidentType?: string;
}

/**
 * The check-in at a checkpoint: scan the QR code (where the browser can), read the NFC tag (where
 * the phone can), or type the tag id; optionally a note, a photo and a hazard handed on as a
 * repair or an incident in the same step.
 */
export function CheckInForm({ round }: { round: PatrolRound }) {
  const { t } = useSecurityI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { checkIn } = usePatrolActions();
  const [scanning, setScanning] = useState<'qr' | 'nfc' | null>(null);
  const [method, setMethod] = useState<CheckInInput['method']>('manual');
  const hazard = Form.useWatch('hazard', form);
  const support = scanSupport();

  const submit = (values: Values, via: CheckInInput['method'] = method) => {
    const body: CheckInInput = {
      tagId: values.tagId.trim(),
      method: via,
      note: values.note?.trim() || undefined,
      photoId: values.photoIds?.[0],
      hazard:
        values.hazard === 'none' || !values.description
          ? undefined
          : { action: values.hazard, description: values.description.trim(), category: values.category, incidentType: values.incidentType },
    };
    checkIn.mutate(
      { roundId: round.id, body },
      {
        onSuccess: (updated) => {
          const visit = updated.visits.find((v) => v.checkedAt && v.status !== 'missed' && round.visits.find((o) => o.id === v.id)?.status === 'pending');
          if (visit) message.success(t('round.checkedIn', { name: visit.name, status: t(`status.${visit.status}` as SecurityMessageKey) }));
          if (visit?.workOrderId) message.info(t('round.hazardRepair'));
          if (visit?.incidentId) message.info(t('round.hazardIncident'));
          form.resetFields();
          setMethod('manual');
        },
        onError: (error) => {
          if (error instanceof ApiError && Object.keys(error.fields).length) {
            const names: Record<string, keyof Values> = { tagId: 'tagId', photoId: 'photoIds', 'hazard.description': 'description', 'hazard.category': 'category', 'hazard.incidentType': 'incidentType' };
            form.setFields(Object.entries(error.fields).map(([k, v]) => ({ name: names[k] ?? 'tagId', errors: [v] })));
          } else {
            message.error(error instanceof Error ? error.message : String(error));
          }
        },
      },
    );
  };

  const onRead = (tag: string, via: 'qr' | 'nfc') => {
    setScanning(null);
    setMethod(via);
    form.setFieldValue('tagId', tag);
    void form.validateFields().then((values) => submit(values, via), () => undefined);
  };

  return (
    <Form form={form} layout="vertical" initialValues={{ hazard: 'none' }} onFinish={(v) => submit(v)} requiredMark={false} data-testid="check-in-form">
      {support.qr || support.nfc ? (
        <Flex gap={8} style={{ marginBottom: 12 }}>
          {support.qr ? (
            <Button size="large" type="primary" icon={<ScanOutlined />} style={{ flex: 1, height: 56, fontSize: 18 }} onClick={() => setScanning('qr')}>
              {t('round.scanQr')}
            </Button>
          ) : null}
          {support.nfc ? (
            <Button size="large" icon={<WifiOutlined />} style={{ flex: 1, height: 56, fontSize: 18 }} onClick={() => setScanning('nfc')}>
              {t('round.scanNfc')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
      <Form.Item name="tagId" label={t('round.tagLabel')} rules={[{ required: true, whitespace: true, message: t('round.tagRequired') }]}>
        <Input size="large" placeholder={t('round.tagPlaceholder')} autoComplete="off" autoCapitalize="characters" data-testid="tag-input" onChange={() => setMethod('manual')} />
      </Form.Item>
      <Collapse
        ghost
        size="small"
        style={{ marginBottom: 8 }}
        items={[
          {
            key: 'more',
            label: t('round.more'),
            forceRender: true,
            children: (
              <>
                <Form.Item name="note" label={t('round.note')}>
                  <Input.TextArea rows={2} maxLength={500} data-testid="check-in-note" />
                </Form.Item>
                <Form.Item name="photoIds" label={t('round.photo')}>
                  <PhotoUpload large testId="check-in-photo" />
                </Form.Item>
                <Form.Item name="hazard" label={t('round.hazard')}>
                  <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="hazard-kind">
                    <Radio.Button value="none">{t('round.hazard.none')}</Radio.Button>
                    <Radio.Button value="repair">{t('round.hazard.repair')}</Radio.Button>
                    <Radio.Button value="incident">{t('round.hazard.incident')}</Radio.Button>
                  </Radio.Group>
                </Form.Item>
                {hazard && hazard !== 'none' ? (
                  <>
                    <Form.Item name="description" label={t('round.hazard.description')} rules={[{ required: true, whitespace: true, message: t('round.hazard.descriptionRequired') }]}>
                      <Input.TextArea rows={2} maxLength={1000} data-testid="hazard-description" />
                    </Form.Item>
                    {hazard === 'repair' ? (
                      <Form.Item name="category" label={t('round.hazard.category')} initialValue="other">
                        <Select size="large" options={REPAIR_CATEGORIES.map((c) => ({ value: c, label: t(`cat.${c}`) }))} />
                      </Form.Item>
                    ) : (
                      <Form.Item name="incidentType" label={t('round.hazard.type')} initialValue="other">
                        <Select size="large" options={INCIDENT_TYPE_KEYS.map((c) => ({ value: c, label: t(`type.${c}`) }))} />
                      </Form.Item>
                    )}
                  </>
                ) : null}
              </>
            ),
          },
        ]}
      />
      <Button type="primary" htmlType="submit" size="large" block loading={checkIn.isPending} style={{ height: 56, fontSize: 18 }} data-testid="check-in-submit">
        {t('round.checkIn')}
      </Button>
      {scanning ? <ScanTag mode={scanning} onRead={(tag) => onRead(tag, scanning)} onClose={() => setScanning(null)} /> : null}
    </Form>
  );
}
