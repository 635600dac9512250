import { App, Button, Popconfirm } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useArchive, type ArchivableResource } from '../../api/registry';
import { useRegistryI18n } from './use-registry-i18n';

/**
 * The archive action of a registry record: asks first, archives, and says what happened. The
 * record keeps its history; callers show the button only when `allowedActions` has `archive`.
 */
export function ArchiveButton(props: { resource: ArchivableResource; id: string; confirmTitle: string; doneMessage: string }) {
  const { t } = useRegistryI18n();
  const { message } = App.useApp();
  const archive = useArchive();
  return (
    <Popconfirm
      title={props.confirmTitle}
      description={t('common.archiveHint')}
      onConfirm={() =>
        archive.mutate(
          { resource: props.resource, id: props.id },
          { onSuccess: () => message.success(props.doneMessage), onError: (e) => message.error(e.message) },
        )
      }
    >
      <Button danger icon={<InboxOutlined />} loading={archive.isPending}>
        {t('common.archive')}
      </Button>
    </Popconfirm>
  );
}
