/**
 * Files and text arriving from anywhere in the window: drag and drop over the whole window,
 * the Open… picker, and Ctrl/Cmd+V of PEM text. Hands each one to the caller as bytes.
 */
import { onBeforeUnmount, onMounted, ref } from 'vue';

export interface IncomingFile {
  name: string;
  bytes: Uint8Array;
}

export function useFileIntake(onFiles: (files: IncomingFile[]) => void) {
  const dragging = ref(false);
  let dragDepth = 0;

  async function readFiles(list: FileList | File[]): Promise<void> {
    const files = await Promise.all(
      Array.from(list).map(async (file) => ({
        name: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      })),
    );
    if (files.length) onFiles(files);
  }

  function hasFiles(event: DragEvent): boolean {
    return Array.from(event.dataTransfer?.types ?? []).includes('Files');
  }

  function onDragEnter(event: DragEvent) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    dragDepth++;
    dragging.value = true;
  }
  function onDragOver(event: DragEvent) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  }
  function onDragLeave() {
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) dragging.value = false;
  }
  function onDrop(event: DragEvent) {
    event.preventDefault();
    dragDepth = 0;
    dragging.value = false;
    if (event.dataTransfer?.files.length) void readFiles(event.dataTransfer.files);
  }
  function onPaste(event: ClipboardEvent) {
    // Typing into a field keeps normal paste behaviour.
    const target = event.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable))
      return;
    const files = event.clipboardData?.files;
    if (files && files.length) {
      event.preventDefault();
      void readFiles(files);
      return;
    }
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (text.trim()) {
      event.preventDefault();
      onFiles([{ name: 'Pasted text', bytes: new TextEncoder().encode(text) }]);
    }
  }

  onMounted(() => {
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('paste', onPaste);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('dragenter', onDragEnter);
    window.removeEventListener('dragover', onDragOver);
    window.removeEventListener('dragleave', onDragLeave);
    window.removeEventListener('drop', onDrop);
    window.removeEventListener('paste', onPaste);
  });

  return { dragging, readFiles };
}
