# Lets a chapter keep the workbook's number: a level-1 section with a chapter-number attribute,
#
#   [[synchronization,Synchronization]]
#   [chapter-number=3]
#   == Synchronization
#
# is numbered 3 even when chapter 2 is not in the book yet, so "Chapter 3" in the book is
# chapters/03-synchronization and ./workbook check 03. Subsections follow (3.1, 3.2, ...).
require 'asciidoctor/extensions'

Asciidoctor::Extensions.register do
  treeprocessor do
    process do |doc|
      doc.find_by(context: :section) {|s| s.level == 1 && (s.attr? 'chapter-number') }.each do |s|
        s.numeral = (s.attr 'chapter-number').to_s
      end
      nil
    end
  end
end
