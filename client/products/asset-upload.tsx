/**
 * Uploading product images: a file picker and a drop zone, one request per file to the upload endpoint (raw body,
 * session cookie), with per-file progress and the server's error shown next to the control.
 */
import { useId, useRef, useState, type DragEvent } from 'react';
import { ASSET_ROLES, type AssetRole } from '../../shared/assets/vocab.ts';
import { FOCUS_RING } from '../ui/button.tsx';

interface UploadState {
  key: string;
  name: string;
  /** 0–1 */
  progress: number;
  state: 'uploading' | 'done' | 'duplicate' | 'failed';
  error?: string;
}

export const ROLE_LABEL = {
  main: 'Main',
  secondary: 'Secondary',
  swatch: 'Swatch',
  lifestyle: 'Lifestyle',
  infographic: 'Infographic',
  packaging: 'Packaging',
} as const satisfies Record<AssetRole, string>;

/** POSTs one file; resolves with the HTTP status and parsed body (XHR, for upload progress). */
function send(url: string, file: File, onProgress: (p: number) => void): Promise<{ status: number; body: { created?: boolean; error?: { message: string } } | null }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: reported by status */
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ status: 0, body: null });
    xhr.send(file);
  });
}

export function AssetUpload({ companySlug, productId, defaultRole, onUploaded }: { companySlug: string; productId: string; defaultRole: AssetRole; onUploaded: () => void }) {
  const inputId = useId();
  const roleId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [role, setRole] = useState<AssetRole | ''>('');
  const [dragging, setDragging] = useState(false);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const effectiveRole = role || defaultRole;

  async function upload(files: File[]) {
    for (const [i, file] of files.entries()) {
      const key = `${Date.now()}-${i}-${file.name}`;
      // Only the first file of a batch takes the main role; the rest are secondary.
      const fileRole = effectiveRole === 'main' && i > 0 ? 'secondary' : effectiveRole;
      const update = (patch: Partial<UploadState>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));
      setUploads((list) => [...list.filter((u) => u.state === 'uploading' || u.state === 'failed'), { key, name: file.name, progress: 0, state: 'uploading' }]);
      const qs = new URLSearchParams({ productId, role: fileRole, filename: file.name });
      const res = await send(`/api/companies/${companySlug}/assets?${qs}`, file, (progress) => update({ progress }));
      if (res.status === 201 || res.status === 200) {
        update({ progress: 1, state: res.body?.created === false ? 'duplicate' : 'done' });
        onUploaded();
      } else {
        update({ state: 'failed', error: res.body?.error?.message ?? (res.status === 0 ? 'Could not reach the server. Check your connection and try again.' : `Upload failed (HTTP ${res.status}).`) });
      }
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = [...e.dataTransfer.files];
    if (files.length) void upload(files);
  };

  return (
    <div className="flex flex-col gap-2">
      <div
        data-testid="asset-dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex flex-wrap items-center gap-3 rounded-lg border border-dashed px-4 py-3 ${dragging ? 'border-orange-500 bg-orange-50' : 'border-zinc-300 bg-white'}`}
      >
        <label htmlFor={inputId} className={`cursor-pointer rounded-md bg-white px-3 py-2 text-sm font-medium text-zinc-800 shadow-sm ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 focus-within:outline-2 focus-within:outline-orange-500 ${FOCUS_RING}`}>
          Add images
          <input
            id={inputId}
            ref={input}
            data-testid="asset-file-input"
            type="file"
            accept="image/*"
            multiple
            className="sr-only"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              if (files.length) void upload(files);
            }}
          />
        </label>
        <span className="text-sm text-zinc-500">or drop files here (JPEG, PNG, GIF, TIFF, WebP, BMP; up to 20 MB)</span>
        <span className="ml-auto flex items-center gap-2">
          <label htmlFor={roleId} className="text-xs font-medium text-zinc-600">
            Upload as
          </label>
          <select id={roleId} data-testid="asset-upload-role" value={effectiveRole} onChange={(e) => setRole(e.target.value as AssetRole)} className="rounded-md border-0 bg-white py-1 pr-7 pl-2 text-sm ring-1 ring-zinc-300 ring-inset">
            {ASSET_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </span>
      </div>
      {uploads.length > 0 && (
        <ul className="flex flex-col gap-1" aria-label="Uploads">
          {uploads.map((u) => (
            <li key={u.key} data-testid="asset-upload" data-state={u.state} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="max-w-64 truncate text-zinc-800">{u.name}</span>
              {u.state === 'uploading' && (
                <progress className="h-2 w-40 accent-orange-600" max={1} value={u.progress} aria-label={`Uploading ${u.name}`}>
                  {Math.round(u.progress * 100)}%
                </progress>
              )}
              {u.state === 'done' && <span className="text-emerald-700">Uploaded</span>}
              {u.state === 'duplicate' && <span className="text-zinc-600">Already in the gallery (same file)</span>}
              {u.state === 'failed' && (
                <span role="alert" data-testid="asset-upload-error" className="text-red-700">
                  {u.error}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
