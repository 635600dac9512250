import { useEffect, useRef, useState } from 'react';
import { Button, Flex, Image, Typography } from 'antd';
import { CameraOutlined, CloseCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { ATTACHMENT_MAX_BYTES, PHOTOS_MAX } from './work-order-enums';
import { ApiError } from '../../api/client';
import { uploadAttachment } from '../../api/work-orders';
import { useWoI18n } from './use-wo-i18n';

interface PhotoUploadProps {
  /** Attachment ids (antd Form passes value/onChange). */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** Big button for phones. */
  large?: boolean;
  testId?: string;
  /** Most photos this field takes (the record's bound); the product limit otherwise. */
  max?: number;
}

interface Preview {
  id: string;
  url: string;
}

/**
 * Photos taken with the phone's back camera (or chosen from files on a desktop), uploaded at once;
 * the form keeps the attachment ids, which the action then links to the order.
 */
export function PhotoUpload({ value = [], onChange, large = false, testId = 'photo-upload', max = PHOTOS_MAX }: PhotoUploadProps) {
  const { t } = useWoI18n();
  const input = useRef<HTMLInputElement>(null);
  const [previews, setPreviews] = useState<Preview[]>([]);
  const [busy, setBusy] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const ids = useRef(value);
  useEffect(() => {
    ids.current = value;
  }, [value]);
  // Object URLs live as long as the component.
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);

  const add = async (files: FileList | null) => {
    setError(null);
    for (const file of Array.from(files ?? [])) {
      if (ids.current.length >= max) break;
      if (file.size > ATTACHMENT_MAX_BYTES) {
        setError(t('photo.tooLarge', { name: file.name }));
        continue;
      }
      setBusy((n) => n + 1);
      try {
        const attachment = await uploadAttachment(file, 'photo');
        const url = URL.createObjectURL(file);
        urls.current.push(url);
        setPreviews((list) => [...list, { id: attachment.id, url }]);
        ids.current = [...ids.current, attachment.id];
        onChange?.(ids.current);
      } catch (cause) {
        setError(cause instanceof ApiError ? Object.values(cause.fields)[0] ?? cause.message : String(cause));
      } finally {
        setBusy((n) => n - 1);
      }
    }
    if (input.current) input.current.value = '';
  };

  const remove = (id: string) => {
    setPreviews((list) => list.filter((p) => p.id !== id));
    ids.current = ids.current.filter((x) => x !== id);
    onChange?.(ids.current);
  };

  const shown = previews.filter((p) => value.includes(p.id));
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        {shown.map((p) => (
          <div key={p.id} style={{ position: 'relative' }}>
            <Image src={p.url} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 6 }} alt={t('photo.alt')} />
            <Button
              type="text"
              size="small"
              aria-label={t('photo.remove')}
              icon={<CloseCircleFilled />}
              onClick={() => remove(p.id)}
              style={{ position: 'absolute', top: -8, right: -8, color: '#595959' }}
            />
          </div>
        ))}
      </Flex>
      <input
        ref={input}
        type="file"
        accept="image/*,application/pdf"
        capture="environment"
        multiple
        style={{ display: 'none' }}
        data-testid={testId}
        onChange={(event) => void add(event.target.files)}
      />
      <Button
        icon={busy ? <LoadingOutlined /> : <CameraOutlined />}
        size={large ? 'large' : 'middle'}
        block={large}
        disabled={busy > 0 || value.length >= max}
        onClick={() => input.current?.click()}
      >
        {busy ? t('photo.uploading') : t('photo.take', { count: value.length })}
      </Button>
      {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
    </Flex>
  );
}
