import { App, Button, Popconfirm } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useEraseResident } from '../../api/privacy';
import { useRegistryI18n } from './use-registry-i18n';

/**
 * The company admin's "erase personal data" on a resident (PIPL): asks first, saying what goes and
 * what stays, then erases. Shown only when `allowedActions` has `erase`.
 */
export function EraseResidentButton(props: { id: string; name: string }) {
  const { t } = useRegistryI18n();
  const { message } = App.useApp();
  const erase = useEraseResident();
  return (
    <Popconfirm
      title={t('resident.eraseConfirm', { name: props.name })}
      description={<div style={{ maxWidth: 360 }}>{t('resident.eraseHint')}</div>}
      okButtonProps={{ danger: true }}
      onConfirm={() =>
        erase.mutate(props.id, {
          onSuccess: (r) => message.success(t('resident.erased', { orders: r.workOrders })),
          onError: (e) => message.error(e.message),
        })
      }
    >
      <Button danger icon={<DeleteOutlined />} loading={erase.isPending} data-testid="erase-resident">
        {t('resident.erase')}
      </Button>
    </Popconfirm>
  );
}
