/** What both peers accept as an upload: the client checks before sending, the engine on arrival. */

/** File extensions (lower case, no dot) of the media the protocol accepts. */
export const ACCEPTED_EXTENSIONS = [
  'mp4',
  'mov',
  'avi',
  'webm',
  'mkv',
  'jpg',
  'jpeg',
  'png',
  'gif',
  'webp',
  'mp3',
  'wav',
  'm4a',
  'aac',
] as const;

/**
 * Photos the clients turn into JPEG on the user's machine before upload (iPhone HEIC/HEIF):
 * pickers and menus offer them, the backends never see them.
 */
export const CONVERTED_EXTENSIONS = ['heic', 'heif'] as const;

/** Why a HEIC/HEIF photo was not converted (the UI and CLI word it). */
export type HeifFailure = 'converter-missing' | 'not-heif' | 'convert-failed' | 'unreadable';

export type AcceptedExtension = (typeof ACCEPTED_EXTENSIONS)[number];

/** The size limit per file. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
