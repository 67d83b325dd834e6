# Keeps a listing, a table and an admonition on one page in the PDF when they fit on one
# (Asciidoctor PDF breaks a block that is taller than a page anyway). Without it a listing could
# start with two lines at the foot of a page and go on over the leaf.
require 'asciidoctor/extensions'

Asciidoctor::Extensions.register do
  treeprocessor do
    process do |doc|
      doc.find_by {|b| [:listing, :admonition, :table].include? b.context }.each do |b|
        b.set_option 'unbreakable'
      end
      nil
    end
  end
end
