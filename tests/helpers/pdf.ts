import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** Each page's size in points and its text, read with PDF.js. */
export async function pdfPages(data: Uint8Array) {
  const document = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: { width: number; height: number; text: string }[] = [];
  for (let n = 1; n <= document.numPages; n += 1) {
    const pdfPage = await document.getPage(n);
    const { width, height } = pdfPage.getViewport({ scale: 1 });
    const content = await pdfPage.getTextContent();
    pages.push({
      width,
      height,
      text: content.items
        .map((item) => ("str" in item ? item.str : ""))
        .join(" ")
        .replace(/\s+/g, " "),
    });
  }
  await document.destroy();
  return pages;
}
