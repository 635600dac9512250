import { App, Button, DatePicker, Drawer, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ASSET_CATEGORIES, ASSET_WORKING_STATUSES, assetCodeSchema, type AssetCategory } from '../../../common/assets';
import { hotlineSchema } from '../../../common/registry';
import { useAssetActions, type Asset } from '../../api/assets';
import { useBuildings, useCommunities } from '../../api/registry';
import { showFieldErrors } from '../../shared/field-errors';
import { zodRule } from '../../shared/zod-rule';
import { useAssetsI18n } from './use-assets-i18n';

interface Values {
  communityId: string;
  code?: string;
  name: string;
  category: AssetCategory;
  buildingId?: string | null;
  place?: string;
  brand?: string;
  model?: string;
  serialNumber?: string;
  installedOn?: Dayjs | null;
  warrantyUntil?: Dayjs | null;
  maintainer?: string;
  maintainerPhone?: string;
  status: (typeof ASSET_WORKING_STATUSES)[number];
  notes?: string;
}

const text = (v: string | undefined) => v?.trim() || null;
/** A form that fails its own checks shows them under the fields; nothing else to do (no unhandled rejection). */
const noteInvalid = () => undefined;
const day = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);

/**
 * Adds or edits an asset in a drawer: every field of the register, the shared rules (code, phone)
 * checked as the API checks them, and the API's per-field errors shown under their fields.
 */
export function AssetDrawer({ asset, defaultCommunityId, onClose }: { asset: Asset | null; defaultCommunityId?: string; onClose: () => void }) {
  const { t, category, status } = useAssetsI18n();
  const { message } = App.useApp();
  const { create, update } = useAssetActions();
  const communities = useCommunities();
  const [form] = Form.useForm<Values>();
  const communityId = Form.useWatch('communityId', form) ?? asset?.communityId;
  const buildings = useBuildings(communityId);
  const required = [{ required: true, whitespace: true, message: t('form.required') }];
  const saving = create.isPending || update.isPending;

  const submit = () =>
    void form.validateFields().then((v) => {
      const fields = {
        name: v.name.trim(),
        category: v.category,
        buildingId: v.buildingId ?? null,
        place: text(v.place),
        brand: text(v.brand),
        model: text(v.model),
        serialNumber: text(v.serialNumber),
        installedOn: day(v.installedOn),
        warrantyUntil: day(v.warrantyUntil),
        maintainer: text(v.maintainer),
        maintainerPhone: text(v.maintainerPhone),
        status: v.status,
        notes: text(v.notes),
      };
      const done = { onSuccess: () => (message.success(t('saved')), onClose()), onError: (e: Error) => void (showFieldErrors(form, e) || message.error(e.message)) };
      if (asset) update.mutate({ id: asset.id, body: { ...fields, code: v.code!.trim() } }, done);
      else create.mutate({ ...fields, communityId: v.communityId, code: text(v.code) }, done);
    }, noteInvalid);

  const initial: Partial<Values> = asset
    ? {
        ...asset,
        code: asset.code,
        buildingId: asset.buildingId ?? undefined,
        place: asset.place ?? undefined,
        brand: asset.brand ?? undefined,
        model: asset.model ?? undefined,
        serialNumber: asset.serialNumber ?? undefined,
        maintainer: asset.maintainer ?? undefined,
        maintainerPhone: asset.maintainerPhone ?? undefined,
        notes: asset.notes ?? undefined,
        installedOn: asset.installedOn ? dayjs(asset.installedOn) : null,
        warrantyUntil: asset.warrantyUntil ? dayjs(asset.warrantyUntil) : null,
        status: asset.status === 'retired' ? 'in_use' : asset.status,
      }
    : { communityId: defaultCommunityId ?? communities.data?.items.find((c) => !c.archivedAt)?.id, category: 'lift', status: 'in_use' };

  return (
    <Drawer
      open
      size={560}
      title={asset ? t('form.editTitle', { code: asset.code }) : t('form.newTitle')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('form.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={submit} data-testid="asset-save">
            {t('form.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid="asset-form">
        {asset ? null : (
          <Form.Item name="communityId" label={t('form.community')} rules={[{ required: true, message: t('form.required') }]}>
            <Select
              options={(communities.data?.items ?? []).filter((c) => !c.archivedAt).map((c) => ({ value: c.id, label: c.name }))}
              onChange={() => form.setFieldValue('buildingId', undefined)}
              data-testid="asset-community"
            />
          </Form.Item>
        )}
        <Flex gap={12}>
          <Form.Item
            name="code"
            label={t('form.code')}
            extra={asset ? undefined : t('form.codeHint')}
            rules={[...(asset ? required : []), zodRule(assetCodeSchema, t('form.codeFormat'))]}
            style={{ flex: 1 }}
          >
            <Input maxLength={30} placeholder="SB-0001" data-testid="asset-code" />
          </Form.Item>
          <Form.Item name="category" label={t('col.category')} rules={[{ required: true, message: t('form.required') }]} style={{ flex: 1 }}>
            <Select options={ASSET_CATEGORIES.map((c) => ({ value: c, label: category(c) }))} data-testid="asset-category" />
          </Form.Item>
        </Flex>
        <Form.Item name="name" label={t('col.name')} rules={required}>
          <Input maxLength={100} placeholder="3栋1号客梯" data-testid="asset-name" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="buildingId" label={t('col.building')} style={{ flex: 1 }}>
            <Select
              allowClear
              placeholder={t('form.noBuilding')}
              loading={buildings.isPending && Boolean(communityId)}
              options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
              data-testid="asset-building"
            />
          </Form.Item>
          <Form.Item name="place" label={t('form.place')} style={{ flex: 1 }}>
            <Input maxLength={200} placeholder={t('form.placeHint')} data-testid="asset-place" />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="brand" label={t('col.brand')} style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="model" label={t('col.model')} style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
        </Flex>
        <Form.Item name="serialNumber" label={t('col.serialNumber')}>
          <Input maxLength={100} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="installedOn" label={t('col.installedOn')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="warrantyUntil"
            label={t('col.warrantyUntil')}
            dependencies={['installedOn']}
            style={{ flex: 1 }}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, value: Dayjs | null | undefined) => {
                  const installed = getFieldValue('installedOn') as Dayjs | null | undefined;
                  if (value && installed && value.isBefore(installed, 'day')) throw new Error(t('form.warrantyBeforeInstall'));
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} data-testid="asset-warranty" />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="maintainer" label={t('col.maintainer')} style={{ flex: 1 }}>
            <Input maxLength={100} data-testid="asset-maintainer" />
          </Form.Item>
          <Form.Item name="maintainerPhone" label={t('col.maintainerPhone')} rules={[zodRule(hotlineSchema, t('form.phoneFormat'))]} style={{ flex: 1 }}>
            <Input maxLength={24} placeholder="0571-88886666" data-testid="asset-phone" />
          </Form.Item>
        </Flex>
        <Form.Item name="status" label={t('col.status')}>
          <Select options={ASSET_WORKING_STATUSES.map((s) => ({ value: s, label: status(s) }))} />
        </Form.Item>
        <Form.Item name="notes" label={t('col.notes')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** Retires an asset with its reason. */
export function RetireDialog({ asset, onClose }: { asset: Asset; onClose: () => void }) {
  const { t } = useAssetsI18n();
  const { message } = App.useApp();
  const { retire } = useAssetActions();
  const [form] = Form.useForm<{ reason: string }>();
  const submit = () =>
    void form.validateFields().then((v) =>
      retire.mutate(
        { id: asset.id, reason: v.reason.trim() },
        { onSuccess: () => (message.success(t('retire.done')), onClose()), onError: (e: Error) => void (showFieldErrors(form, e) || message.error(e.message)) },
      ),
      noteInvalid,
    );
  return (
    <Modal open title={t('retire.title', { name: `${asset.code} ${asset.name}` })} onCancel={onClose} onOk={submit} okText={t('retire')} okButtonProps={{ danger: true, loading: retire.isPending, 'data-testid': 'asset-retire-ok' }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('retire.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('retire.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="asset-retire-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
