# The book's code colours, for HTML and PDF alike (rouge-style: gort). Rouge's github theme with
# every colour that read below WCAG AA on the listing background darkened: its comments (which
# carry the "Go: proc.go runqput" mapping the preface points to) were 2.7:1, numbers 3.3:1,
# builtins 3.9:1. Every fg below reaches 4.5:1 on #f6f8fa, the darkest listing background in the
# HTML and PDF; SourceCheckTest reads this file and checks each one.
require 'rouge'

module Rouge
  module Themes
    class Gort < CSSTheme
      name 'gort'

      BG = '#f6f8fa'
      COMMENT = '#57606a'
      STRING = '#b3123d'
      NUMBER = '#0a6e6e'
      TEAL = '#00706f'

      style Text,                             :fg => '#1f2328', :bg => BG
      style Text::Whitespace,                 :fg => COMMENT
      style Comment,                          :fg => COMMENT, :italic => true
      style Comment::Multiline,               :fg => COMMENT, :italic => true
      style Comment::Single,                  :fg => COMMENT, :italic => true
      style Comment::Special,                 :fg => COMMENT, :italic => true, :bold => true
      style Comment::Preproc,                 :fg => COMMENT, :bold => true
      style Error,                            :fg => '#a61717', :bg => '#fbeaea'
      style Generic::Deleted,                 :fg => '#000000', :bg => '#ffdddd'
      style Generic::Emph,                    :fg => '#000000', :italic => true
      style Generic::Error,                   :fg => '#a61717'
      style Generic::Heading,                 :fg => COMMENT
      style Generic::Inserted,                :fg => '#000000', :bg => '#ddffdd'
      style Generic::Output,                  :fg => COMMENT
      style Generic::Prompt,                  :fg => '#555555'
      style Generic::Strong,                  :bold => true
      style Generic::Subheading,              :fg => COMMENT
      style Generic::Traceback,               :fg => '#a61717'
      style Keyword,                          :fg => '#000000', :bold => true
      style Keyword::Type,                    :fg => '#445588', :bold => true
      style Literal::Number,                  :fg => NUMBER
      style Literal::String,                  :fg => STRING
      style Literal::String::Affix,           :fg => '#000000', :bold => true
      style Literal::String::Regex,           :fg => '#116329'
      style Literal::String::Symbol,          :fg => '#990073'
      style Name::Attribute,                  :fg => TEAL
      style Name::Builtin,                    :fg => '#006a8e'
      style Name::Builtin::Pseudo,            :fg => COMMENT
      style Name::Class,                      :fg => '#445588', :bold => true
      style Name::Constant,                   :fg => TEAL
      style Name::Decorator,                  :fg => '#3c5d5d', :bold => true
      style Name::Entity,                     :fg => '#800080'
      style Name::Exception,                  :fg => '#990000', :bold => true
      style Name::Function,                   :fg => '#990000', :bold => true
      style Name::Label,                      :fg => '#990000', :bold => true
      style Name::Namespace,                  :fg => '#555555'
      style Name::Tag,                        :fg => '#000080'
      style Name::Variable,                   :fg => TEAL
      style Operator,                         :fg => '#000000', :bold => true
    end
  end
end
