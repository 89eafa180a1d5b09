import { ApiError, ClientErrorCode, parseApiError } from './api-error.ts';
import type { ApiClient } from './client.ts';
import { CSRF_COOKIE, CSRF_HEADER } from './client.ts';
import { readCookie } from './read-cookie.ts';

/** An import as GET /api/imports/:id reports it. */
export interface ImportView {
  id: string;
  fileName: string;
  format: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  fileBytes: number;
  bytesDone: number;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errorCode: string | null;
  errorMessage: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export const IMPORT_TEMPLATE_URL = '/api/imports/template.xlsx';
export const importErrorsUrl = (id: string): string => `/api/imports/${encodeURIComponent(id)}/errors`;

export function getImport(api: ApiClient, id: string, signal?: AbortSignal): Promise<ImportView> {
  return api.get<ImportView>(`/api/imports/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

function errorOf(status: number, text: string): ApiError {
  let body: unknown = text;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    // not JSON
  }
  return parseApiError(status, body, `HTTP ${status}`);
}

/**
 * Uploads the file as the raw request body (the server streams it to disk) and reports the upload's
 * progress (0–1). XMLHttpRequest, because fetch cannot report upload progress.
 */
export function uploadImport(file: File, onProgress: (fraction: number) => void): Promise<ImportView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports?fileName=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    const token = readCookie(document.cookie, CSRF_COOKIE);
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as ImportView);
        } catch {
          reject(new ApiError(0, ClientErrorCode.NETWORK_ERROR, 'bad response'));
        }
      } else reject(errorOf(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, ClientErrorCode.NETWORK_ERROR, 'network request failed'));
    xhr.send(file);
  });
}

export interface ExportFilter {
  reason: string;
  region?: string;
  q?: string;
  category?: string;
}

/** POST /api/persons/export: the XLSX as a Blob, with the number of rows it holds. */
export async function exportPersons(filter: ExportFilter): Promise<{ blob: Blob; rows: number; fileName: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: '*/*' };
  const token = readCookie(document.cookie, CSRF_COOKIE);
  if (token) headers[CSRF_HEADER] = token;
  let res: Response;
  try {
    res = await fetch('/api/persons/export', { method: 'POST', headers, body: JSON.stringify(filter), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, ClientErrorCode.NETWORK_ERROR, 'network request failed');
  }
  if (!res.ok) throw errorOf(res.status, await res.text());
  const disposition = res.headers.get('content-disposition') ?? '';
  return {
    blob: await res.blob(),
    rows: Number(res.headers.get('x-export-rows') ?? 0),
    fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'persons.xlsx',
  };
}
