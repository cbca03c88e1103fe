// "Copy citation": a highlight, or a claim's passages, as quoted text with its citation and the bibliography
// entry, on the clipboard as rich text (for a word processor) and plain text, in one copy. The main side
// formats it (citations.quote) in the style and language last chosen in the export dialog (APA at first).
import { Button } from 'react-aria-components';
import { api } from '../../api';
import { errorMessage, useDossier } from '../../store/index';

/** Puts HTML and plain text on the clipboard together; plain text alone where rich text is refused. */
async function copyRich(html: string, text: string): Promise<void> {
  if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
    try {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' }),
        }),
      ]);
      return;
    } catch {
      // Some hosts allow text only: fall through.
    }
  }
  await navigator.clipboard.writeText(text);
}

export function CopyCitationButton(props: { highlightId: string } | { claimId: string }) {
  const showToast = useDossier((s) => s.showToast);
  const { style, locale } = useDossier((s) => s.citationStyle);
  const copy = async () => {
    try {
      const quoted = await api['citations.quote']({ ...props, style, ...(locale ? { locale } : {}) });
      await copyRich(quoted.html, quoted.text);
      showToast({ message: 'Citation copied: the quote, its citation and the reference.', tone: 'info' });
    } catch (error) {
      showToast({ message: `Could not copy the citation: ${errorMessage(error)}`, tone: 'error' });
    }
  };
  return (
    <Button className="secondary-button" onPress={() => void copy()}>
      Copy citation
    </Button>
  );
}
