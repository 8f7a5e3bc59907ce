<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>Actions</name>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Open image…</source>
        <translation>画像を開く(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Read the digit in an image file, or in number mode the number; or drop a file on the canvas</source>
        <translation>画像ファイルの数字を読み取ります（複数桁の数モードでは数全体）。キャンバスにファイルをドロップしても可</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Load model…</source>
        <translation>モデルを読み込む(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Load another .keras model file</source>
        <translation>別の .keras モデルファイルを読み込みます</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Quit the app</source>
        <translation>アプリを終了します</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Take back the last stroke or the last clear</source>
        <translation>最後のストロークまたは消去を取り消します</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Clear</source>
        <translation>消去(&amp;C)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Erase the canvas; Ctrl+Z brings it back</source>
        <translation>キャンバスを消去します。Ctrl+Z で元に戻せます</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Thinner pen</source>
        <translation>ペンを細く(&amp;T)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Draw with a thinner pen</source>
        <translation>ペンを細くして描きます</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>T&amp;hicker pen</source>
        <translation>ペンを太く(&amp;H)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Draw with a thicker pen</source>
        <translation>ペンを太くして描きます</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Random sample</source>
        <translation>ランダム見本(&amp;R)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Show a random image of the official MNIST test set and its prediction</source>
        <translation>MNIST 公式テストセットからランダムな画像とその予測を表示します</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Evaluate</source>
        <translation>評価(&amp;E)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Accuracy, confusion matrix and mistakes on the 10,000 test images</source>
        <translation>10,000 枚のテスト画像での精度・混同行列・誤認識</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Re&amp;train…</source>
        <translation>再学習(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Train a new model in the background, saved beside the others, never over one</source>
        <translation>バックグラウンドで新しいモデルを学習します（既存のモデルは上書きせず、別に保存）</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Cancel training</source>
        <translation>学習を中止(&amp;C)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Stop the running training; the model in use is kept</source>
        <translation>実行中の学習を止めます。使用中のモデルはそのまま残ります</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Re&amp;vert to previous model</source>
        <translation>前のモデルに戻す(&amp;V)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Switch back to the model used before the last switch</source>
        <translation>直前の切り替えの前に使っていたモデルに戻します</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Re&amp;name model…</source>
        <translation>モデル名を変更(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Rename the model in use</source>
        <translation>使用中のモデルの名前を変更します</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Delete model…</source>
        <translation>モデルを削除(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Delete one of your models</source>
        <translation>自分のモデルを削除します</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;About</source>
        <translation>このアプリについて(&amp;A)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>The app and the model in use</source>
        <translation>アプリと使用中のモデルの情報</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>The Qt version</source>
        <translation>Qt のバージョン</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Draw</source>
        <translation>手書き(&amp;D)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Show the draw tab</source>
        <translation>「手書き」タブを表示します</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Training &amp;curves</source>
        <translation>学習曲線(&amp;C)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Show the training curves tab</source>
        <translation>「学習曲線」タブを表示します</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Evaluation</source>
        <translation>評価(&amp;E)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Show the evaluation tab</source>
        <translation>「評価」タブを表示します</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Look inside</source>
        <translation>ネットワークの内部(&amp;L)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Show the look inside tab</source>
        <translation>「ネットワークの内部」タブを表示します</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Model</source>
        <translation>モデル(&amp;M)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Show the app in {language}</source>
        <translation>アプリを{language}で表示します</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Learn my &amp;handwriting…</source>
        <translation>自分の筆跡を学習(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Draw each digit three times; the app learns how you write</source>
        <translation>各数字を 3 回ずつ書くと、アプリがあなたの書き方を学習します</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>My handwriting &amp;samples…</source>
        <translation>自分の筆跡サンプル(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>See, relabel, delete, export or import your stored drawings</source>
        <translation>保存した手書きの表示・ラベル修正・削除・書き出し・読み込み</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Forget my handwriting…</source>
        <translation>自分の筆跡を忘れる(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Delete your drawings and the personal model; back to the base model</source>
        <translation>手書きサンプルと個人モデルを削除し、基本モデルに戻します</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Correct the prediction</source>
        <translation>予測を訂正(&amp;C)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>The digit is &amp;{digit}</source>
        <translation>正しくは &amp;{digit}</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Store this drawing as {digit} and learn from it</source>
        <translation>この手書きを {digit} として保存し、学習します</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Learn from drawings I &amp;don&apos;t correct</source>
        <translation>修正しなかった手書きからも学習(&amp;D)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Keep each drawing you clear without correcting, when its answer was at least 95% sure; every 50 teach the personal model how you write. A wrong answer: press the right digit key before clearing. They stay on this computer (see My handwriting samples)</source>
        <translation>答えが 95% 以上確かなとき、修正せずに消した手書きを保存します。50 件ごとに個人モデルがあなたの書き方を学びます。答えが違うときは、消す前に正しい数字キーを押してください。このコンピューターの外には出ません（自分の筆跡サンプルで確認できます）</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Keep my drawings to learn from</source>
        <translation>学習用に手書きを保存する(&amp;K)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>&amp;Number</source>
        <translation>複数桁の数(&amp;N)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Write a whole number, its digits side by side on a wider canvas, and see it read; off: one digit at a time</source>
        <translation>横長のキャンバスに数字を横に並べて数を書き、数として読み取ります。オフのときは数字を 1 つずつ読みます</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_presenter.py"/>
        <source>Select the digit to the left</source>
        <translation>左の数字を選ぶ</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_presenter.py"/>
        <source>Select the digit to the right</source>
        <translation>右の数字を選ぶ</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Keep the drawings you correct (and, with Learn from drawings I don&apos;t correct, those you let stand when the answer was at least 95% sure) on this computer, to learn your handwriting. Off: nothing new is kept; My handwriting samples and Forget my handwriting delete what was kept before</source>
        <translation>修正した手書きを（「修正しなかった手書きからも学習」がオンなら、答えが 95% 以上確かで修正せずに消した手書きも）このコンピューターに保存し、あなたの筆跡の学習に使います。オフにすると新しくは保存しません。保存済みのものは「自分の筆跡サンプル」と「自分の筆跡を忘れる」で削除できます</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>S&amp;top learning my handwriting</source>
        <translation>筆跡の学習を中止(&amp;T)</translation>
    </message>
    <message>
        <location filename="../gui/common/actions.py"/>
        <source>Stop the fine-tune running in the background; your samples and the model in use are kept</source>
        <translation>バックグラウンドで実行中の微調整を中止します。あなたのサンプルと使用中のモデルはそのまま残ります</translation>
    </message>
</context>
<context>
    <name>Canvas</name>
    <message>
        <location filename="../gui/draw/canvas.py"/>
        <source>Draw a digit here</source>
        <translation>ここに数字を書いてください</translation>
    </message>
    <message>
        <location filename="../gui/draw/canvas.py"/>
        <source>Draw one digit with the mouse or a pen, as large as the box.
Ctrl+Z undoes the last stroke, Esc clears. Drop an image file here to recognise it.</source>
        <translation>マウスかペンで数字を 1 つ、枠いっぱいに書いてください。
Ctrl+Z で最後のストロークを取り消し、Esc で消去します。画像ファイルをここにドロップすると認識します。</translation>
    </message>
    <message>
        <location filename="../gui/draw/canvas.py"/>
        <source>Write a number, its digits side by side, left to right. Click a digit&apos;s box to see its bars; a digit key corrects it.
Ctrl+Z undoes the last stroke, Esc clears.</source>
        <translation>数字を左から右へ横に並べて、数を書いてください。数字の枠をクリックするとその棒グラフが見られ、数字キーで修正できます。
Ctrl+Z で最後のストロークを取り消し、Esc で消去します。</translation>
    </message>
    <message>
        <location filename="../gui/draw/canvas.py"/>
        <source>Write a number here</source>
        <translation>ここに数を書いてください</translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <location filename="../gui/personal/consent_bar.py"/>
        <source>Keep the drawings described here, from now on</source>
        <translation>ここに書いた手書きを、これから保存します</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_bar.py"/>
        <source>Don&apos;t keep</source>
        <translation>保存しない</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_bar.py"/>
        <source>Keep nothing; a correction still changes the answer shown</source>
        <translation>何も保存しません。修正すれば、表示される答えは変わります</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_bar.py"/>
        <source>Keep your drawings to learn your handwriting? Nothing is kept until you say yes.</source>
        <translation>筆跡を学習するために、手書きを保存しますか？ 保存すると答えるまで、何も保存しません。</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_bar.py"/>
        <source>Then digits you correct, and lone digits you clear when read at least 95% sure, are kept as 28x28 images on this computer: {path}. See or delete them in Model &gt; My handwriting samples… or Model &gt; Forget my handwriting.</source>
        <translation>保存すると、数字キーで修正した数字と、95% 以上確かな答えのまま修正せずに消した 1 桁の数字を、28x28 の画像としてこのコンピューターの {path} に保存します。「モデル &gt; 自分の筆跡サンプル…」で確認・削除、「モデル &gt; 自分の筆跡を忘れる」ですべて削除できます。</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_bar.py"/>
        <source>Then digits you correct are kept as 28x28 images with the right digit, on this computer: {path}. See or delete them in Model &gt; My handwriting samples… or Model &gt; Forget my handwriting.</source>
        <translation>保存すると、数字キーで修正した数字を、28x28 の画像と正しい数字としてこのコンピューターの {path} に保存します。「モデル &gt; 自分の筆跡サンプル…」で確認・削除、「モデル &gt; 自分の筆跡を忘れる」ですべて削除できます。</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_bar.py"/>
        <source>Keep them</source>
        <translation>保存する</translation>
    </message>
</context>
<context>
    <name>Curves</name>
    <message>
        <location filename="../gui/training/curve_plot.py"/>
        <source>training loss</source>
        <translation>学習損失</translation>
    </message>
    <message>
        <location filename="../gui/training/curve_plot.py"/>
        <source>validation loss</source>
        <translation>検証損失</translation>
    </message>
    <message>
        <location filename="../gui/training/curve_plot.py"/>
        <source>training accuracy</source>
        <translation>学習精度</translation>
    </message>
    <message>
        <location filename="../gui/training/curve_plot.py"/>
        <source>validation accuracy</source>
        <translation>検証精度</translation>
    </message>
    <message>
        <location filename="../gui/training/curve_plot.py"/>
        <source>Loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <location filename="../gui/training/curve_plot.py"/>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <location filename="../gui/training/curve_plot.py"/>
        <source>Accuracy</source>
        <translation>精度</translation>
    </message>
    <message>
        <location filename="../gui/training/curve_plot.py"/>
        <source>accuracy (%)</source>
        <translation>精度 (%)</translation>
    </message>
    <message>
        <location filename="../gui/training/curve_plot.py"/>
        <source>epoch</source>
        <translation>エポック</translation>
    </message>
    <message>
        <location filename="../gui/training/curve_plot.py"/>
        <source>epoch {epoch}</source>
        <translation>エポック {epoch}</translation>
    </message>
    <message>
        <location filename="../gui/training/curve_plot.py"/>
        <source>n/a</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../gui/training/curves_view.py"/>
        <source>No model loaded.</source>
        <translation>モデルが読み込まれていません。</translation>
    </message>
    <message>
        <location filename="../gui/training/curves_view.py"/>
        <source>This model has no saved training history.</source>
        <translation>このモデルには学習履歴が保存されていません。</translation>
    </message>
    <message>
        <location filename="../gui/training/curves_view.py"/>
        <source>Training history of {model}: preset {preset}, {epochs}, best epoch {best}, test accuracy {accuracy:.2%}. Hover over the curves for values.</source>
        <translation>{model} の学習履歴：プリセット {preset}、{epochs}、最良エポック {best}、テスト精度 {accuracy:.2%}。曲線にマウスを乗せると値が表示されます。</translation>
    </message>
    <message>
        <location filename="../gui/training/curves_view.py"/>
        <source>Training history of {model}: preset {preset}, {epochs}, best epoch {best}. Hover over the curves for values.</source>
        <translation>{model} の学習履歴：プリセット {preset}、{epochs}、最良エポック {best}。曲線にマウスを乗せると値が表示されます。</translation>
    </message>
    <message>
        <location filename="../gui/training/curves_view.py"/>
        <source>Training preset {preset} for {epochs} on {images:,} training images → {out}. The curves grow after each epoch.</source>
        <translation>プリセット {preset} を {images:,} 枚の学習画像で {epochs} 学習中 → {out}。曲線はエポックごとに伸びます。</translation>
    </message>
    <message>
        <location filename="../gui/training/curves_view.py"/>
        <source>{model} is your personal model: {base} fine-tuned on {count} of your drawings. It has no training curves of its own.</source>
        <translation>{model} はあなたの個人モデルです：{base} をあなたの手書き {count} 件で微調整したもので、独自の学習曲線はありません。</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>Retrain the model</source>
        <translation>モデルの再学習</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>Network widths:</source>
        <translation>ネットワークの幅：</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>&amp;Preset:</source>
        <translation>プリセット(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>Passes over the training images (default {epochs}); the best epoch is kept</source>
        <translation>学習画像を何周するか（既定値 {epochs}）。最良のエポックが残ります</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>&amp;Epochs:</source>
        <translation>エポック数(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>Images per gradient step (default {size})</source>
        <translation>1 回の勾配ステップで使う画像の枚数（既定値 {size}）</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>&amp;Batch size:</source>
        <translation>バッチサイズ(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>&amp;Learning rate:</source>
        <translation>学習率(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>The new model&apos;s name: {hint}</source>
        <translation>新しいモデルの名前：{hint}</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>Saved to:</source>
        <translation>保存先：</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>&amp;Train</source>
        <translation>学習開始(&amp;T)</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>A model called {name} exists already: choose another name</source>
        <translation>{name} という名前のモデルはすでにあります。別の名前にしてください</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Model file</source>
        <translation>モデルファイル</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>none loaded</source>
        <translation>未読み込み</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Preset</source>
        <translation>プリセット</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Parameters</source>
        <translation>パラメータ数</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Test accuracy</source>
        <translation>テスト精度</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Trained</source>
        <translation>学習日時</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Epochs</source>
        <translation>エポック数</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>About {app}</source>
        <translation>{app} について</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Validation accuracy</source>
        <translation>検証精度</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Training images</source>
        <translation>学習画像数</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>The new model validates at least as well.</source>
        <translation>新しいモデルの検証精度は現在のモデル以上です。</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>The new model is &lt;b&gt;worse&lt;/b&gt; on validation.</source>
        <translation>新しいモデルは検証精度が&lt;b&gt;低下&lt;/b&gt;しています。</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Use the new model?</source>
        <translation>新しいモデルを使いますか？</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Training finished.</source>
        <translation>学習が完了しました。</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>new</source>
        <translation>新規</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Both are kept; you can switch at any time in the Model menu.</source>
        <translation>どちらのモデルも残ります。「モデル」メニューからいつでも切り替えられます。</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>&amp;Switch to {model}</source>
        <translation>{model} に切り替え(&amp;S)</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>&amp;Keep {model}</source>
        <translation>{model} のまま(&amp;K)</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>&amp;Keep none</source>
        <translation>切り替えない(&amp;K)</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Open image</source>
        <translation>画像を開く</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Images ({patterns});;All files (*)</source>
        <translation>画像 ({patterns});;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Load model</source>
        <translation>モデルを読み込む</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Keras models (*.keras);;All files (*)</source>
        <translation>Keras モデル (*.keras);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>Peak learning rate of AdamW, after a one-epoch warm-up, then cosine decay (default {rate})</source>
        <translation>AdamW の最大学習率。1 エポックのウォームアップの後、コサイン減衰します（既定値 {rate}）</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>Write TensorBoard logs</source>
        <translation>TensorBoard のログを書き出す</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>Loss, accuracy, learning rate, weight histograms and the graph, in {folder}</source>
        <translation>損失・精度・学習率・重みのヒストグラム・グラフを {folder} に書き出します</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>Needs the tensorboard package: pip install tensorboard</source>
        <translation>tensorboard パッケージが必要です：pip install tensorboard</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>Train a new network on MNIST&apos;s training images, pen-drawn digits and drawings that are not digits. Training runs in the background: you can keep drawing with the model in use. The new model is saved beside the others, never over one, and afterwards you choose whether to use it.</source>
        <translation>MNIST の学習画像、ペンで書いた数字、数字ではない絵で新しいネットワークを学習します。学習はバックグラウンドで行われるので、その間も使用中のモデルで数字を書けます。新しいモデルは既存のモデルを上書きせずに別に保存され、学習後に使うかどうかを選べます。</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>How many of the {full:,} training images the run learns from: fewer make a quicker run, all of them the best model. MNIST, pen-drawn digits and non-digits shrink in proportion.</source>
        <translation>学習に使う画像の枚数（全 {full:,} 枚）。少ないほど早く終わり、すべて使うと最も良いモデルになります。MNIST、ペンで書いた数字、数字でない画像は同じ割合で減ります。</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>Training &amp;images:</source>
        <translation>学習画像数(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Version {version}. Reads handwritten digits with a LeNet-5-style convolutional network trained on MNIST, on digits real people wrote with a pen (UCI pen digits, UNIPEN) and on generated drawings that are not digits; a second, small network reads the pen&apos;s path.</source>
        <translation>バージョン {version}。LeNet-5 型の畳み込みニューラルネットワークで手書きの数字を読み取ります。学習には MNIST、実際の人がペンで書いた数字（UCI のペン数字データと UNIPEN）、生成した数字ではない絵を使っています。ペンの軌跡は、もう一つの小さなネットワークが読み取ります。</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>Learnt from</source>
        <translation>学習元</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>{base}, fine-tuned on {count} of your drawings</source>
        <translation>{base} をあなたの手書き {count} 件で微調整</translation>
    </message>
    <message>
        <location filename="../gui/training/retrain_dialog.py"/>
        <source>({asked:,} asked: {used:,} is the nearest count that keeps MNIST, pen-drawn digits and non-digits in proportion.)</source>
        <translation>（{asked:,} 枚の指定：MNIST・ペンで書いた数字・数字以外の比率を保てる最も近い枚数は {used:,} 枚です。）</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>{accuracy} (measured on the Evaluation tab)</source>
        <translation>{accuracy}（評価タブで測定）</translation>
    </message>
    <message>
        <location filename="../gui/common/dialogs.py"/>
        <source>not measured yet (Model &gt; Evaluate measures it)</source>
        <translation>まだ測定していません（「モデル &gt; 評価」で測定できます）</translation>
    </message>
</context>
<context>
    <name>DrawPanel</name>
    <message>
        <location filename="../gui/draw/draw_panel.py"/>
        <source>Draw a digit</source>
        <translation>数字を書いてください</translation>
    </message>
    <message>
        <location filename="../gui/draw/answer_words.py"/>
        <source>Not a digit</source>
        <translation>数字ではありません</translation>
    </message>
    <message>
        <location filename="../gui/draw/panel_parts.py"/>
        <source>&amp;Pen width:</source>
        <translation>ペンの太さ(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../gui/draw/draw_panel.py"/>
        <source>The digit the network recognises and its confidence</source>
        <translation>ネットワークが認識した数字とその確信度</translation>
    </message>
    <message>
        <location filename="../gui/draw/draw_panel.py"/>
        <source>Test image #{index}: true label &lt;b&gt;{label}&lt;/b&gt;</source>
        <translation>テスト画像 #{index}：正解ラベル &lt;b&gt;{label}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../gui/draw/draw_panel.py"/>
        <source>File {name}</source>
        <translation>ファイル {name}</translation>
    </message>
    <message>
        <location filename="../gui/draw/draw_panel.py"/>
        <source>correct</source>
        <translation>正解</translation>
    </message>
    <message>
        <location filename="../gui/draw/draw_panel.py"/>
        <source>wrong</source>
        <translation>不正解</translation>
    </message>
    <message>
        <location filename="../gui/draw/answer_words.py"/>
        <source>It does not look like any digit (the ✕ bar)</source>
        <translation>どの数字にも見えません（✕ の棒）</translation>
    </message>
    <message>
        <location filename="../gui/draw/panel_parts.py"/>
        <source>Network input</source>
        <translation>ネットワークへの入力</translation>
    </message>
    <message>
        <location filename="../gui/draw/answer_words.py"/>
        <source>Runner-up: {digit} ({probability})</source>
        <translation>次点：{digit}（{probability}）</translation>
    </message>
    <message>
        <location filename="../gui/draw/panel_parts.py"/>
        <source>A drawing or an image file is cropped, scaled to fit a box of twenty pixels and centred by its centre of mass, as the MNIST digits were; a test image already is. A drawing whose pen is too thick for its size is read from the pen&apos;s path.</source>
        <translation>MNIST の数字と同じく、書いた数字や画像ファイルを切り出して 20 ピクセルの枠に収まるよう縮小し、重心で中央に配置します。テスト画像は最初からこの形です。大きさに比べてペンが太すぎる絵は、ペンの通った線から読み取ります。</translation>
    </message>
    <message>
        <location filename="../gui/draw/answer_words.py"/>
        <source>Prediction: {first} ({confidence}) — not sure: {first} or {second}?</source>
        <translation>予測：{first}（{confidence}）— 自信なし：{first} か {second}？</translation>
    </message>
    <message>
        <location filename="../gui/draw/answer_words.py"/>
        <source>Prediction: {digit} ({confidence})</source>
        <translation>予測：{digit}（{confidence}）</translation>
    </message>
    <message>
        <location filename="../gui/draw/answer_words.py"/>
        <source>not a digit</source>
        <translation>数字ではない</translation>
    </message>
    <message>
        <location filename="../gui/draw/answer_words.py"/>
        <source>Corrected: {digit} (the network said {said})</source>
        <translation>修正：{digit}（ネットワークの答えは {said}）</translation>
    </message>
    <message>
        <location filename="../gui/draw/draw_panel.py"/>
        <source>Your answer, until the drawing changes; another digit key changes it</source>
        <translation>手書きが変わるまで、あなたの答えを表示します。別の数字キーで変えられます</translation>
    </message>
    <message>
        <location filename="../gui/draw/draw_panel.py"/>
        <source>Digit {index} of {count} — {answer}</source>
        <translation>{count} 桁中 {index} 桁目 — {answer}</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_view.py"/>
        <source>Write a number</source>
        <translation>数を書いてください</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_view.py"/>
        <source>Click a digit to see its bars; a digit key corrects it</source>
        <translation>数字をクリックすると棒グラフが見られ、数字キーで修正できます</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_view.py"/>
        <source>not a number</source>
        <translation>数ではない</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_view.py"/>
        <source>The ink does not look like digits written side by side</source>
        <translation>数字を横に並べて書いたものには見えません</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_view.py"/>
        <source>Not a number</source>
        <translation>数ではありません</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_view.py"/>
        <source>One digit; write more beside it for a number</source>
        <translation>数字 1 つです。横に書き足すと数になります</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_view.py"/>
        <source>{first} or {second}?</source>
        <translation>{first} か {second}？</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_view.py"/>
        <source>Not sure: {first} ({p_first}) or {second} ({p_second}). {how}</source>
        <translation>自信なし：{first}（{p_first}）か {second}（{p_second}）。{how}</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_view.py"/>
        <source>{probability} sure. {how}</source>
        <translation>確信度 {probability}。{how}</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_view.py"/>
        <source>The number the network reads, left to right</source>
        <translation>ネットワークが左から右へ読み取った数</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_view.py"/>
        <source>Corrected by you (the network read {said}). {how}</source>
        <translation>あなたが修正しました（ネットワークの読みは {said}）。{how}</translation>
    </message>
    <message>
        <location filename="../gui/draw/panel_parts.py"/>
        <source>The selected digit (or ink read as no digit), as the network sees it</source>
        <translation>選んだ数字（または数字ではないと読んだインク）を、ネットワークが見る形で表示します</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_view.py"/>
        <source>The ink in the ✕ box is no digit and is left out; if it is a digit, click it and press its key</source>
        <translation>✕ の枠の部分は数字ではないので、読み取りから外しました。数字なら、クリックしてその数字キーを押してください</translation>
    </message>
    <message>
        <location filename="../gui/draw/draw_panel.py"/>
        <source>Left out of the number — {answer}</source>
        <translation>数から外したもの — {answer}</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_view.py"/>
        <source>The ink does not look like a digit (the ✕ box); if it is one, click it and press its key</source>
        <translation>数字には見えません（✕ の枠）。数字なら、クリックしてその数字キーを押してください</translation>
    </message>
    <message>
        <location filename="../gui/draw/draw_panel.py"/>
        <source>Your answer, while this digit&apos;s ink stays as it is</source>
        <translation>この数字のインクが変わらない間は、あなたの答えを表示します</translation>
    </message>
    <message>
        <location filename="../gui/draw/panel_parts.py"/>
        <source>What the network sees: the drawing cropped, scaled and centred as MNIST digits are. A drawing is also read from its pen&apos;s path, by a second, small network; the answer weighs both</source>
        <translation>ネットワークが見ている画像：MNIST の数字と同じように切り出し、縮小し、中央に配置したもの。描いた数字は、もう一つの小さなネットワークがペンの軌跡からも読み取り、答えは両方を合わせて決めます</translation>
    </message>
    <message>
        <location filename="../gui/draw/answer_words.py"/>
        <source>Runner-up: not a digit ({probability})</source>
        <translation>次点：数字ではない（{probability}）</translation>
    </message>
    <message>
        <location filename="../gui/draw/answer_words.py"/>
        <source>It does not look like any digit (the ✕ bar). A whole number? Number mode (Ctrl+N) reads it</source>
        <translation>どの数字にも見えません（✕ の棒）。複数桁の数ですか？ 複数桁モード（Ctrl+N）で読み取れます</translation>
    </message>
    <message>
        <location filename="../gui/draw/answer_words.py"/>
        <source>{first}: {p_first}, {second}: {p_second}</source>
        <translation>{first}：{p_first}、{second}：{p_second}</translation>
    </message>
    <message>
        <location filename="../gui/draw/number_view.py"/>
        <source>More of the ink looks like no digit (the ✕ boxes) than like digits; if a box holds a digit, click it and press its key</source>
        <translation>数字に見えない部分（✕ の枠）のほうが数字より多くあります。枠の中が数字なら、クリックしてその数字キーを押してください</translation>
    </message>
    <message>
        <location filename="../gui/draw/answer_words.py"/>
        <source>Alone it reads as a {digit}, but here it is no digit of its own: it stands over the digit before it, or is too small for one. If it is a digit, press its key</source>
        <translation>単独では {digit} と読めますが、ここでは数字として数えません。前の数字に重なっているか、数字にしては小さすぎます。数字なら、その数字キーを押してください</translation>
    </message>
    <message>
        <location filename="../gui/draw/answer_words.py"/>
        <source>Confirmed: {digit} (the network said {digit} too)</source>
        <translation>確認：{digit}（ネットワークの答えも {digit}）</translation>
    </message>
    <message>
        <location filename="../gui/draw/draw_panel.py"/>
        <source>{shown}, {verdict}</source>
        <translation>{shown}、{verdict}</translation>
    </message>
</context>
<context>
    <name>Enrolment</name>
    <message>
        <location filename="../gui/personal/enrolment_words.py"/>
        <source>Draw each digit as you usually write it. You are asked for every digit three times, in random order; one of each is kept back to measure how well the app reads you before and after it learns.</source>
        <translation>いつもの書き方で数字を書いてください。各数字を 3 回ずつ、ランダムな順番でお願いします。各数字のうち 1 つは学習に使わずに取っておき、学習の前後でどれだけ正しく読めるかを測ります。</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Learn my handwriting</source>
        <translation>自分の筆跡を学習</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>&amp;Redo previous</source>
        <translation>前の 1 つをやり直す(&amp;R)</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Draw the previous digit again</source>
        <translation>前の数字をもう一度書きます</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>&amp;Clear</source>
        <translation>消去(&amp;C)</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Erase the canvas (Esc)</source>
        <translation>キャンバスを消去します (Esc)</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>&amp;Skip</source>
        <translation>スキップ(&amp;S)</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Leave this digit out</source>
        <translation>この数字を飛ばします</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>&amp;Next</source>
        <translation>次へ(&amp;N)</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Keep this drawing and go on (Enter)</source>
        <translation>この手書きを保存して次へ進みます (Enter)</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>{position} of {total} drawn or skipped</source>
        <translation>{total} 個中 {position} 個を記入またはスキップ</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Nothing was drawn, so there is nothing to learn.</source>
        <translation>何も書かれていないため、学習するものがありません。</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Learning your handwriting…</source>
        <translation>筆跡を学習中…</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Preparing…</source>
        <translation>準備中…</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Learning goes on in the background; the personal model is used when ready</source>
        <translation>学習はバックグラウンドで続きます。準備ができると個人モデルが使われます</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Your drawings are stored, but cannot be learnt now (see the status bar).</source>
        <translation>手書きは保存されましたが、今は学習できません（ステータスバーを参照してください）。</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Learning: step {step} of {steps}</source>
        <translation>学習中：{steps} ステップ中 {step}</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Draw your {digit}   ({time} of {times})</source>
        <translation>「{digit}」を書いてください  （{times} 回中 {time} 回目）</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Stop here (Esc on an empty canvas); your drawings so far are kept</source>
        <translation>ここで終了します（キャンバスが空のときは Esc）。ここまでの手書きは保存されたままです</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>What you drew so far ({count} of {total} drawings) is kept in your handwriting samples (Model &gt; My handwriting samples…). The app learns from it the next time it learns your handwriting, or now.</source>
        <translation>ここまでに書いたもの（{total} 個中 {count} 個）は筆跡サンプルに保存されています（「モデル &gt; 自分の筆跡サンプル…」）。次に筆跡を学習するときに学習されます。今すぐ学習することもできます。</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Stop learning your handwriting?</source>
        <translation>筆跡の学習を中断しますか？</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>&amp;Learn from them now</source>
        <translation>今すぐ学習(&amp;L)</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>&amp;Close, learn later</source>
        <translation>閉じて後で学習(&amp;C)</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>&amp;Go on drawing</source>
        <translation>書き続ける(&amp;G)</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_words.py"/>
        <source>Of {count} drawings kept back: {before} read right before learning, {after} after</source>
        <translation>取り分けた {count} 枚のうち、学習前に正しく読めたのは {before} 枚、学習後は {after} 枚</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_words.py"/>
        <source>The app now reads {gain} more of them right.</source>
        <translation>そのうち {gain} 枚多く正しく読めるようになりました。</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_words.py"/>
        <source>The app now reads {loss} fewer of them right.</source>
        <translation>そのうち正しく読める枚数が {loss} 枚減りました。</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_words.py"/>
        <source>No change on these drawings.</source>
        <translation>これらの手書きでは変化はありません。</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_words.py"/>
        <source>The kept-back drawings were not learnt from, so they show how the app reads your new drawings. With {count} drawings each one is {step} points, so this says little about small changes; the more you correct it, the more it learns. They are being learnt now too; the personal model is in use.</source>
        <translation>取り分けた手書きは学習に使っていないので、新しく書いた字がどう読まれるかを示します。{count} 枚では 1 枚が {step} ポイントに当たるため、小さな変化についてはほとんど何も言えません。訂正するほどアプリは学習します。これらの手書きも今から学習します。個人用モデルを使用中です。</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Stop learning; your drawings stay in your handwriting samples</source>
        <translation>学習を中止します。書いた数字は筆跡サンプルに残ります</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>&amp;Stop learning</source>
        <translation>学習を中止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Your drawings are kept in your handwriting samples; the model in use did not change.</source>
        <translation>書いた数字は筆跡サンプルに残っています。使用中のモデルは変わっていません。</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_dialog.py"/>
        <source>Stopped</source>
        <translation>中止しました</translation>
    </message>
    <message>
        <location filename="../gui/personal/enrolment_words.py"/>
        <source>Learnt: the personal model is in use. How much better it reads you was not measured: that needs each digit drawn three times, one of them kept back.</source>
        <translation>学習しました。個人モデルを使っています。どれだけ正しく読めるようになったかは測っていません。測るには各数字を 3 回ずつ書く必要があります（そのうち 1 回分を測定用に取っておきます）。</translation>
    </message>
</context>
<context>
    <name>Evaluation</name>
    <message>
        <location filename="../gui/controllers/evaluation_controller.py"/>
        <source>No model loaded: load or train one first.</source>
        <translation>モデルが読み込まれていません。先にモデルを読み込むか学習してください。</translation>
    </message>
    <message>
        <location filename="../gui/controllers/evaluation_controller.py"/>
        <source>Test accuracy {accuracy:.2%} ({errors} mistakes)</source>
        <translation>テスト精度 {accuracy:.2%}（誤認識 {errors} 件）</translation>
    </message>
    <message>
        <location filename="../gui/controllers/evaluation_controller.py"/>
        <source>Evaluation failed: {reason}</source>
        <translation>評価に失敗しました：{reason}</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>Evaluate the model on the official test images.</source>
        <translation>公式テスト画像でモデルを評価します。</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/mistake_detail.py"/>
        <source>Pick an image on the left.</source>
        <translation>左の画像を選んでください。</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>Confusion matrix</source>
        <translation>混同行列</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/confusion_table.py"/>
        <source>Rows: true digit. Columns: predicted digit.</source>
        <translation>行：正解の数字。列：予測した数字。</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>Click a cell off the diagonal to list only those mistakes; the diagonal lists all</source>
        <translation>対角線以外のセルをクリックするとその誤認識だけを表示し、対角線のセルではすべて表示します</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>Misclassified test images</source>
        <translation>誤認識したテスト画像</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>Show &amp;all mistakes</source>
        <translation>すべての誤認識を表示(&amp;A)</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>List every misclassified test image again (or click the diagonal)</source>
        <translation>誤認識したテスト画像をすべて表示し直します（対角線のセルをクリックしても同じです）</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>Click an image to see its probabilities; double-click to show it on the canvas</source>
        <translation>クリックで各数字の確率を表示、ダブルクリックでキャンバスに表示します</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/mistake_detail.py"/>
        <source>Selected image</source>
        <translation>選択した画像</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>Test accuracy {accuracy:.2%}: {errors:,} mistakes in {total:,} test images</source>
        <translation>テスト精度 {accuracy:.2%}：テスト画像 {total:,} 枚中 {errors:,} 枚を誤認識</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>all mistakes</source>
        <translation>すべての誤認識</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>Showing {what}: {count:,}, the {shown} most confident shown</source>
        <translation>{what}：{count:,} 件（確信度の高い {shown} 件を表示）</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>Showing {what}: {count:,}</source>
        <translation>{what}：{count:,} 件</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>No such mistakes.</source>
        <translation>該当する誤認識はありません。</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>true {true} predicted as {predicted}</source>
        <translation>正解 {true} を {predicted} と予測</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/confusion_table.py"/>
        <source>test digits the model called &apos;not a digit&apos;</source>
        <translation>モデルが「数字ではない」と答えたテスト画像</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/confusion_table.py"/>
        <source>true {true}, {said}: {count} images ({share:.1%} of the {true}s)</source>
        <translation>正解 {true}、{said}：{count} 枚（{true} の {share:.1%}）</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>test image #{index}: true {true}, {said}</source>
        <translation>テスト画像 #{index}：正解 {true}、{said}</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/confusion_table.py"/>
        <source>called not a digit</source>
        <translation>「数字ではない」と判定</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/confusion_table.py"/>
        <source>predicted {predicted}</source>
        <translation>予測 {predicted}</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>Evaluating… {done:,} of {total:,}</source>
        <translation>評価中… {total:,} 枚中 {done:,} 枚</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/evaluation_view.py"/>
        <source>Test images the model has read so far</source>
        <translation>モデルがここまでに読んだテスト画像の枚数</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/mistake_detail.py"/>
        <source>Test image #{index}
true label {true}, {said} ({confidence})</source>
        <translation>テスト画像 #{index}
正解 {true}、{said}（{confidence}）</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/confusion_table.py"/>
        <source>Rows: true digit. Columns: predicted digit; ✕: not a digit.</source>
        <translation>行：正解の数字。列：予測した数字。✕：数字ではない。</translation>
    </message>
</context>
<context>
    <name>Inside</name>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>The filter&apos;s weights: red raises the map&apos;s value where there is ink, blue lowers it</source>
        <translation>フィルタの重み：赤はインクのある所で特徴マップの値を上げ、青は下げます</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>input patch</source>
        <translation>入力パッチ</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>× filter</source>
        <translation>× フィルタ</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>= products</source>
        <translation>= 積</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>Draw a digit: its parts that decided the answer light up here.</source>
        <translation>数字を書くと、答えの決め手になった部分がここで色づきます。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>for “{best}”</source>
        <translation>「{best}」の根拠</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>why “{best}”, not “{second}”</source>
        <translation>「{second}」ではなく「{best}」の理由</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>Each part was covered up in turn. Left: red parts spoke for “{best}” (covering them makes the network less sure), blue against. Right: red parts make it “{best}” rather than “{second}”, blue parts look more like “{second}”.</source>
        <translation>各部分を順に隠して調べました。左：赤い部分は「{best}」を支持し（隠すと確信度が下がる）、青い部分は反対しています。右：赤い部分は「{second}」ではなく「{best}」と判断させ、青い部分は「{second}」らしく見せています。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>Filter of convolution {number}, map {map}</source>
        <translation>畳み込み {number} のフィルタ（マップ {map}）</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>The {size}×{size} weights this map slides over the image.</source>
        <translation>このマップが画像の上をずらしながら掛ける {size}×{size} の重みです。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>One {size}×{size} pattern for each of the {inputs} maps it reads, in their order; the map adds up all {inputs} matches.</source>
        <translation>入力となる {inputs} 枚のマップそれぞれに対する {size}×{size} のパターン（マップの順）。このマップは {inputs} 個の一致度をすべて足し合わせます。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>Red: ink there raises the value, blue lowers it. Batch normalisation, if any, is folded in.</source>
        <translation>赤：その位置のインクが値を上げる、青：下げる。バッチ正規化がある場合は重みに組み込み済みです。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>after {activation}</source>
        <translation>{activation} の後</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>no activation</source>
        <translation>活性化関数なし</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>Map {map}, row {row}, column {column} (green square) from the patch in the orange square:</source>
        <translation>マップ {map} の {row} 行 {column} 列（緑の枠）の値を、オレンジの枠内のパッチから計算：</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>sum of the {count} products</source>
        <translation>{count} 個の積の和</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>(the value in the map)</source>
        <translation>（特徴マップの値）</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_view.py"/>
        <source>No model loaded.</source>
        <translation>モデルが読み込まれていません。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_view.py"/>
        <source>No model loaded: load one to look inside it.</source>
        <translation>モデルが読み込まれていません。中を見るにはモデルを読み込んでください。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_view.py"/>
        <source>Draw a digit to see what each layer of the network makes of it.</source>
        <translation>数字を書くと、ネットワークの各層がそれをどう処理するかが見られます。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_view.py"/>
        <source>The 28×28 image the network reads</source>
        <translation>ネットワークが読み取る 28×28 の画像</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_view.py"/>
        <source>{units} units, one cell each; bright = active</source>
        <translation>{units} 個のユニット（1 マスに 1 個、明るいほど活性）</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_view.py"/>
        <source>Click a map to see its filter</source>
        <translation>マップをクリックするとそのフィルタを表示します</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>not a digit</source>
        <translation>数字ではない</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>batch normalisation</source>
        <translation>バッチ正規化</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>softmax</source>
        <translation>ソフトマックス</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>{first} then {second}</source>
        <translation>{first} → {second}</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>What the network sees</source>
        <translation>ネットワークが見ている画像</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>Convolution {number}: {channels} feature maps</source>
        <translation>畳み込み {number}：特徴マップ {channels} 枚</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>Pooling {number}</source>
        <translation>プーリング {number}</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>Dense layer {number}: {units} units</source>
        <translation>全結合層 {number}：{units} ユニット</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>The answer</source>
        <translation>答え</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>Each map above, halved: every {size}×{size} block keeps only its largest value.</source>
        <translation>上の各マップを半分に縮小：{size}×{size} のブロックごとに最大値だけを残します。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>Each unit adds up all {inputs} numbers above, each with its own weight. One cell per unit.</source>
        <translation>各ユニットは上の {inputs} 個の数値すべてに、それぞれの重みを掛けて足し合わせます。1 マスが 1 ユニットです。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>The network's probability of each digit and of “not a digit”. They add up to 100%.</source>
        <translation>ネットワークが出す各数字と「数字ではない」の確率。合計は 100% です。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>The network&apos;s probability of each digit. They add up to 100%.</source>
        <translation>ネットワークが出す各数字の確率。合計は 100% です。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source> ReLU turns negatives into 0.</source>
        <translation>ReLU が負の値を 0 にします。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>Each map slides its own {size}×{size} filter over the image: bright where a spot matches it.{relu} Click a map for its filter; point at one to see the sum.</source>
        <translation>各マップは固有の {size}×{size} フィルタを画像の上でずらし、一致する所が明るくなります。{relu}マップをクリックするとフィルタを、マウスを乗せると計算を表示します。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>Each map reads all {inputs} pooled maps, with a {size}×{size} pattern for each, and finds larger shapes: loops, corners, stroke ends.{relu} Click a map for its filter.</source>
        <translation>各マップはプーリング後の {inputs} 枚のマップすべてを、それぞれ {size}×{size} のパターンで読み、輪・角・線の端といった大きな形を見つけます。{relu}マップをクリックするとフィルタを表示します。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>What decided it</source>
        <translation>決め手になった部分</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>Filter</source>
        <translation>フィルタ</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>One number of a first-layer map, worked out</source>
        <translation>第 1 層の特徴マップの値を 1 つ計算してみる</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>Each map above, {size} times smaller: every {size}×{size} block keeps only its largest value.</source>
        <translation>上の各マップを 1/{size} に縮小：{size}×{size} のブロックごとに最大値だけを残します。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_words.py"/>
        <source>The picture shown (your drawing, a file, a test image, or in number mode the digit selected), 28×28 pixels and centred like the digits the network learned from. Each pixel is a number: 0 black, 1 white ink.</source>
        <translation>表示中の画像（書いた数字、ファイル、テスト画像、複数桁の数モードでは選んだ数字）を、ネットワークが学習した数字と同じように 28×28 ピクセルにして中央に配置したもの。各ピクセルは数値で、0 が黒、1 が白いインクです。</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>(bias {bias})</source>
        <translation>（バイアス {bias}）</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>+ bias {bias}</source>
        <translation>+ バイアス {bias}</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_maps.py"/>
        <source>The probability the network gives each answer, from the image alone; the Draw tab also reads the pen&apos;s path, so its answer can differ</source>
        <translation>ネットワークが画像だけから各答えに与える確率。「手書き」タブはペンの軌跡も読み取るため、答えが異なることがあります</translation>
    </message>
    <message>
        <location filename="../gui/inside/inside_details.py"/>
        <source>{finish}: {value} {shown}</source>
        <translation>{finish}：{value} {shown}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../gui/app/main_window.py"/>
        <source>Evaluating on the official test images…</source>
        <translation>公式テスト画像で評価中…</translation>
    </message>
    <message>
        <location filename="../gui/app/main_tabs.py"/>
        <source>&amp;Draw</source>
        <translation>手書き(&amp;D)</translation>
    </message>
    <message>
        <location filename="../gui/app/main_tabs.py"/>
        <source>Draw a digit and see what the network recognises (Ctrl+1)</source>
        <translation>数字を書いて、ネットワークの認識結果を見ます (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../gui/app/main_tabs.py"/>
        <source>Training &amp;curves</source>
        <translation>学習曲線(&amp;C)</translation>
    </message>
    <message>
        <location filename="../gui/app/main_tabs.py"/>
        <source>Loss and accuracy per epoch of the model or the run</source>
        <translation>モデルまたは実行中の学習の、エポックごとの損失と精度</translation>
    </message>
    <message>
        <location filename="../gui/app/main_tabs.py"/>
        <source>&amp;Evaluation</source>
        <translation>評価(&amp;E)</translation>
    </message>
    <message>
        <location filename="../gui/app/main_tabs.py"/>
        <source>Test accuracy, confusion matrix and mistakes</source>
        <translation>テスト精度・混同行列・誤認識</translation>
    </message>
    <message>
        <location filename="../gui/app/main_tabs.py"/>
        <source>&amp;Look inside</source>
        <translation>ネットワークの内部(&amp;L)</translation>
    </message>
    <message>
        <location filename="../gui/app/main_tabs.py"/>
        <source>Every layer of the network on the drawing (Ctrl+4)</source>
        <translation>書いた数字に対するネットワークの全層 (Ctrl+4)</translation>
    </message>
    <message>
        <location filename="../gui/app/main_window.py"/>
        <source>Nothing to undo</source>
        <translation>元に戻す操作はありません</translation>
    </message>
    <message>
        <location filename="../gui/app/main_window.py"/>
        <source>Loading model…</source>
        <translation>モデルを読み込み中…</translation>
    </message>
    <message>
        <location filename="../gui/models/model_presenter.py"/>
        <source>Model not loaded: {reason}</source>
        <translation>モデルを読み込めませんでした：{reason}</translation>
    </message>
    <message>
        <location filename="../gui/models/model_presenter.py"/>
        <source>No model is loaded: train one or load another.</source>
        <translation>モデルが読み込まれていません。学習するか、別のモデルを読み込んでください。</translation>
    </message>
    <message>
        <location filename="../gui/models/model_presenter.py"/>
        <source>Still using {model}.</source>
        <translation>引き続き {model} を使用します。</translation>
    </message>
    <message>
        <location filename="../gui/models/model_presenter.py"/>
        <source>No model loaded: {reason}</source>
        <translation>モデルが読み込まれていません：{reason}</translation>
    </message>
    <message>
        <location filename="../gui/models/model_presenter.py"/>
        <source>No model loaded</source>
        <translation>モデルがありません</translation>
    </message>
    <message>
        <location filename="../gui/app/main_window.py"/>
        <source>Training is running</source>
        <translation>学習中です</translation>
    </message>
    <message>
        <location filename="../gui/app/main_window.py"/>
        <source>A training run is in progress. Stop it and quit? Nothing is lost.</source>
        <translation>学習を実行中です。中止して終了しますか？失われるものはありません。</translation>
    </message>
    <message>
        <location filename="../gui/app/main_window.py"/>
        <source>Cleared: Ctrl+Z brings the drawing back</source>
        <translation>消去しました：Ctrl+Z で元に戻せます</translation>
    </message>
</context>
<context>
    <name>ModelMenu</name>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>{model} (shipped)</source>
        <translation>{model}（付属）</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>no figures</source>
        <translation>数値なし</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>Models</source>
        <translation>モデル一覧</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>Switch back to {model}, the model used before</source>
        <translation>前に使っていたモデル {model} に戻します</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>Not available: {reason}</source>
        <translation>使用できません：{reason}</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>Re&amp;name {model}…</source>
        <translation>{model} の名前を変更(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>Rename the model in use</source>
        <translation>使用中のモデルの名前を変更します</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>Re&amp;name model…</source>
        <translation>モデル名を変更(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>Not available: the shipped model is read-only</source>
        <translation>使用できません：付属のモデルは読み取り専用です</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>Delete one of your models (not the one in use)</source>
        <translation>自分のモデルを削除します（使用中のものを除く）</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>Not available: no model of yours is unused</source>
        <translation>使用できません：使用中でない自分のモデルがありません</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>Rename model</source>
        <translation>モデル名の変更</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>New name for {model}:</source>
        <translation>{model} の新しい名前：</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>Delete a model</source>
        <translation>モデルの削除</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>Delete which model? (The model in use is not listed.)</source>
        <translation>どのモデルを削除しますか？（使用中のモデルは一覧にありません）</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>Delete the model?</source>
        <translation>モデルを削除しますか？</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>Delete {model} and its training history?
{path}

This cannot be undone.</source>
        <translation>{model} とその学習履歴を削除しますか？
{path}

この操作は元に戻せません。</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>your handwriting, 1 sample</source>
        <translation>あなたの筆跡、サンプル 1 件</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>your handwriting, {count} samples</source>
        <translation>あなたの筆跡、サンプル {count} 件</translation>
    </message>
    <message>
        <location filename="../gui/models/model_menu.py"/>
        <source>{model}: {figures}</source>
        <translation>{model}：{figures}</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>Cannot load the model</source>
        <translation>モデルを読み込めません</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>Loading model… ({path})</source>
        <translation>モデルを読み込み中…（{path}）</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>Cannot switch models now: {reason}</source>
        <translation>今はモデルを切り替えられません：{reason}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>a model is loading</source>
        <translation>モデルを読み込み中です</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>there is no previous model: Revert goes back to the model used before the last switch</source>
        <translation>前のモデルがありません。「前のモデルに戻す」は直前の切り替えの前に使っていたモデルに戻します</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>the previous model ({model}) no longer exists</source>
        <translation>前のモデル（{model}）はもう存在しません</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>Cannot revert: {reason}</source>
        <translation>元に戻せません：{reason}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>Switching back to the previous model ({model})…</source>
        <translation>前のモデル（{model}）に戻しています…</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>Cannot revert to the previous model</source>
        <translation>前のモデルに戻せません</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>Model ready: {path}, test accuracy {accuracy:.2%}</source>
        <translation>モデルの準備完了：{path}、テスト精度 {accuracy:.2%}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>Model ready: {path}</source>
        <translation>モデルの準備完了：{path}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>Cannot rename: {reason}</source>
        <translation>名前を変更できません：{reason}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>Renamed {old} to {new}</source>
        <translation>{old} を {new} に名前変更しました</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>The shipped model cannot be deleted</source>
        <translation>付属のモデルは削除できません</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>{model} is in use: switch to another model before deleting it</source>
        <translation>{model} は使用中です。削除する前に別のモデルに切り替えてください</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>Cannot delete {model}: {reason}</source>
        <translation>{model} を削除できません：{reason}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>Deleted {model}</source>
        <translation>{model} を削除しました</translation>
    </message>
    <message>
        <location filename="../gui/controllers/model_controller.py"/>
        <source>{file} is the pen-path (stroke) network: the app loads it by itself beside the digit model, so it is not a model to load. Load a digit model instead, such as {default} or one you trained.</source>
        <translation>{file} はペンの軌跡を読み取るネットワーク（ストロークのネットワーク）です。アプリが数字のモデルと一緒に自動で読み込むもので、ここで読み込むモデルではありません。代わりに {default} や自分で学習したモデルなど、数字のモデルを読み込んでください。</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{file}: model file not found; train one with &apos;handwriting train&apos; or pick another file</source>
        <translation>{file}：モデルファイルがありません。「handwriting train」で学習するか、別のファイルを選んでください</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{file}: is a folder, not a .keras model file</source>
        <translation>{file}：.keras モデルファイルではなくフォルダーです</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{file}: not a .keras model file; only Keras 3 .keras files are loaded</source>
        <translation>{file}：.keras モデルファイルではありません。読み込めるのは Keras 3 の .keras ファイルだけです</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{file}: cannot be read ({error}); check its permissions</source>
        <translation>{file}：読み取れません（{error}）。アクセス権を確認してください</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{file}: not a valid .keras file (it is empty, truncated or not a zip archive)</source>
        <translation>{file}：正しい .keras ファイルではありません（空か、途中で切れているか、zip アーカイブではありません）</translation>
    </message>
</context>
<context>
    <name>Numbers</name>
    <message>
        <location filename="../gui/controllers/number_controller.py"/>
        <source>Reading the number failed: {reason}</source>
        <translation>数の読み取りに失敗しました：{reason}</translation>
    </message>
</context>
<context>
    <name>PenWidth</name>
    <message>
        <location filename="../gui/draw/pen_width.py"/>
        <source>Stroke width in canvas pixels, {low} to {high} (Ctrl+[ thinner, Ctrl+] thicker)</source>
        <translation>線の太さ（キャンバスのピクセル数、{low}〜{high}）。Ctrl+[ で細く、Ctrl+] で太く</translation>
    </message>
    <message>
        <location filename="../gui/draw/pen_width.py"/>
        <source>Pen width goes from {low} to {high} px: {typed} px became {value} px</source>
        <translation>ペンの太さは {low}〜{high} px です：{typed} px を {value} px にしました</translation>
    </message>
</context>
<context>
    <name>Personal</name>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>Your samples: unreadable</source>
        <translation>サンプル：読み込めません</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>Learning your handwriting…</source>
        <translation>筆跡を学習中…</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>A fine-tune runs in the background; keep drawing</source>
        <translation>バックグラウンドで微調整中です。そのまま書き続けられます</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>Personal model: not in use; samples stored: {count}</source>
        <translation>個人モデル：未使用（サンプル {count} 件）</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>Personal model: none yet</source>
        <translation>個人モデル：まだありません</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>Learning your handwriting… {percent}%</source>
        <translation>筆跡を学習中… {percent}%</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>To teach it your handwriting: Model &gt; Learn my handwriting…, or a digit key</source>
        <translation>筆跡を教えるには：「モデル &gt; 自分の筆跡を学習…」、または数字キー</translation>
    </message>
    <message>
        <location filename="../gui/controllers/store_controller.py"/>
        <source>Cannot move {path} aside: {error}</source>
        <translation>{path} を退避できません：{error}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/store_controller.py"/>
        <source>The unreadable samples file was moved to {target}; a new, empty one is used</source>
        <translation>読み込めないサンプルファイルを {target} に移動しました。新しい空のファイルを使います</translation>
    </message>
    <message>
        <location filename="../gui/controllers/store_controller.py"/>
        <source>Your handwriting samples cannot be used: {error}</source>
        <translation>手書きサンプルを使用できません：{error}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/store_controller.py"/>
        <source>Not stored: {error}</source>
        <translation>保存されませんでした：{error}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/store_controller.py"/>
        <source>Cannot export to {path}: {error}</source>
        <translation>{path} に書き出せません：{error}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/store_controller.py"/>
        <source>Imported {added} new samples from {name}</source>
        <translation>{name} から新しいサンプルを {added} 件読み込みました</translation>
    </message>
    <message>
        <location filename="../gui/controllers/tuning_controller.py"/>
        <source>Learning your handwriting failed: {error}</source>
        <translation>筆跡の学習に失敗しました：{error}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/personal_controller.py"/>
        <source>Your handwriting samples and the personal model are deleted</source>
        <translation>手書きサンプルと個人モデルを削除しました</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>My handwriting</source>
        <translation>自分の筆跡</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>Only your own drawings are learnt: this is an MNIST test image</source>
        <translation>学習するのは自分で書いた手書きだけです。これは MNIST のテスト画像です</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_dialogs.py"/>
        <source>Forget my handwriting?</source>
        <translation>自分の筆跡を忘れますか？</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_dialogs.py"/>
        <source>{message}

The app uses the base model. Move the file aside and start a new, empty one? (The file is kept under another name.)</source>
        <translation>{message}

アプリは基本モデルを使います。このファイルを退避して、新しい空のファイルで始めますか？（ファイルは別の名前で残ります。）</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_dialogs.py"/>
        <source>Your handwriting samples cannot be read</source>
        <translation>手書きサンプルを読み込めません</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_dialogs.py"/>
        <source>Move it aside</source>
        <translation>退避する</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_dialogs.py"/>
        <source>Leave it</source>
        <translation>そのままにする</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>Your personal model is ready; switch to it when {task} is over</source>
        <translation>個人モデルの準備ができました。{task} が終わったら切り替えてください</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>Personal model: in use, learnt from {known} samples ({count} stored)</source>
        <translation>個人モデル：使用中（{known} 件で学習、保存 {count} 件）</translation>
    </message>
    <message>
        <location filename="../gui/controllers/personal_controller.py"/>
        <source>Already stored as {label}</source>
        <translation>すでに「{label}」として記録されています</translation>
    </message>
    <message>
        <location filename="../gui/controllers/personal_controller.py"/>
        <source>Changed to {label}</source>
        <translation>「{label}」に変更しました</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>Draw your {digit} first: a correction teaches the app your own handwriting</source>
        <translation>先に「{digit}」を書いてください。修正によってアプリはあなたの筆跡を覚えます</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_presenter.py"/>
        <source>Drawings you clear without correcting are now kept to learn from</source>
        <translation>修正せずに消した手書きを、学習用に保存するようにしました</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_presenter.py"/>
        <source>Drawings you don&apos;t correct are no longer kept</source>
        <translation>修正しなかった手書きは保存しないようにしました</translation>
    </message>
    <message>
        <location filename="../gui/controllers/store_controller.py"/>
        <source>Exported {samples} to {path}</source>
        <translation>{samples}を {path} に書き出しました</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_dialogs.py"/>
        <source>Delete all your handwriting samples ({count}) and the personal model?

{store}
{model}

The app goes back to the base model. This cannot be undone (export your samples first to keep a copy).</source>
        <translation>すべての手書きサンプル（{count} 件）と個人モデルを削除しますか？

{store}
{model}

アプリは基本モデルに戻ります。この操作は元に戻せません（残したい場合は先にサンプルを書き出してください）。</translation>
    </message>
    <message>
        <location filename="../gui/controllers/personal_controller.py"/>
        <source>Stored as {label} (Ctrl+Z takes it back). 1 more correction until it learns them</source>
        <translation>「{label}」として記録しました（Ctrl+Z で取り消し）。あと 1 回の修正で学習します</translation>
    </message>
    <message>
        <location filename="../gui/controllers/personal_controller.py"/>
        <source>Stored as {label} (Ctrl+Z takes it back). {left} more corrections until it learns them</source>
        <translation>「{label}」として記録しました（Ctrl+Z で取り消し）。あと {left} 回の修正で学習します</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>Correction taken back: the drawing is not stored</source>
        <translation>修正を取り消しました。この手書きは記録されていません</translation>
    </message>
    <message>
        <location filename="../gui/controllers/personal_controller.py"/>
        <source>Corrected to {label}, not kept: say first whether your drawings may be kept (the question on the Draw tab)</source>
        <translation>{label} に修正しました。保存はしていません。先に、手書きを保存してよいか答えてください（手書きタブの質問）</translation>
    </message>
    <message>
        <location filename="../gui/controllers/personal_controller.py"/>
        <source>Corrected to {label}, not kept, as you chose (Model &gt; Keep my drawings to learn from)</source>
        <translation>{label} に修正しました。選んだとおり、保存はしていません（モデル &gt; 学習用に手書きを保存する）</translation>
    </message>
    <message>
        <location filename="../gui/controllers/personal_controller.py"/>
        <source>Stored as {label}; learning your handwriting in the background… (Model &gt; My handwriting samples… deletes it)</source>
        <translation>「{label}」として記録しました。バックグラウンドで筆跡を学習しています…（モデル &gt; 自分の筆跡サンプル… で削除できます）</translation>
    </message>
    <message>
        <location filename="../gui/controllers/personal_controller.py"/>
        <source>Stored as {label} (Ctrl+Z takes it back). It is learnt in the next round</source>
        <translation>「{label}」として記録しました（Ctrl+Z で取り消し）。次の学習で使います</translation>
    </message>
    <message>
        <location filename="../gui/controllers/personal_controller.py"/>
        <source>Kept your {digit}; learning your handwriting from your last {count} drawings in the background… (Model &gt; My handwriting samples… deletes it)</source>
        <translation>{digit} を保存しました。最近の {count} 件の手書きから、バックグラウンドで筆跡を学習しています…（モデル &gt; 自分の筆跡サンプル… で削除できます）</translation>
    </message>
    <message>
        <location filename="../gui/controllers/personal_controller.py"/>
        <source>Kept your {digit} to learn from — Ctrl+Z takes it back</source>
        <translation>{digit} を学習用に保存しました — Ctrl+Z で取り消し</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_presenter.py"/>
        <source>Your drawings are kept to learn from, from now on (Model &gt; Keep my drawings to learn from)</source>
        <translation>これから、手書きを学習用に保存します（モデル &gt; 学習用に手書きを保存する）</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_presenter.py"/>
        <source>Your drawings are not kept (Model &gt; Keep my drawings to learn from changes this)</source>
        <translation>手書きは保存しません（モデル &gt; 学習用に手書きを保存する で変えられます）</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>Not kept: the drawing is back and its sample deleted</source>
        <translation>保存を取り消しました。手書きを元に戻し、サンプルを削除しました</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_presenter.py"/>
        <source>Drawings you clear without correcting will be kept once you say yes to keeping your drawings (Model &gt; Keep my drawings to learn from)</source>
        <translation>修正せずに消した手書きは、手書きの保存を許可すると保存されます（モデル &gt; 学習用に手書きを保存する）</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_bar.py"/>
        <source>Learning your handwriting keeps the digits you draw for it, and from then on your other drawings.</source>
        <translation>筆跡の学習では、そのために書いた数字を保存します。それ以降は、ほかの手書きも保存します。</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_bar.py"/>
        <source>Start says yes to keeping your drawings.</source>
        <translation>「手書きを保存して開始」を押すと、手書きの保存を許可したことになります。</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_bar.py"/>
        <source>Learn my handwriting</source>
        <translation>自分の筆跡を学習</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_bar.py"/>
        <source>Start and keep my drawings</source>
        <translation>手書きを保存して開始</translation>
    </message>
    <message>
        <location filename="../gui/personal/consent_bar.py"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>Write a number first, then click the digit to correct and press its key</source>
        <translation>先に数を書き、修正する数字をクリックしてから、その数字キーを押してください</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>Only your own drawings are learnt: this is an image file</source>
        <translation>学習するのは自分で書いた手書きだけです。これは画像ファイルです</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_dialogs.py"/>
        <source>Delete all your handwriting samples ({count})?

{store}

This cannot be undone (export your samples first to keep a copy).</source>
        <translation>すべての手書きサンプル（{count} 件）を削除しますか？

{store}

この操作は元に戻せません（残したい場合は先にサンプルを書き出してください）。</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_dialogs.py"/>
        <source>Nothing of your handwriting is kept: no samples, no personal model. The drawing shown will not be kept either</source>
        <translation>保存されている筆跡はありません（サンプルも個人モデルもありません）。表示中の手書きも保存しません</translation>
    </message>
    <message>
        <location filename="../gui/controllers/tuning_controller.py"/>
        <source>Stopped learning your handwriting. Your samples and the model in use are kept.</source>
        <translation>筆跡の学習を中止しました。サンプルと使用中のモデルはそのまま残ります。</translation>
    </message>
    <message>
        <location filename="../gui/controllers/personal_controller.py"/>
        <source>Your handwriting samples are deleted</source>
        <translation>手書きサンプルを削除しました</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>Now using your personal model (Model &gt; Revert goes back)</source>
        <translation>個人モデルを使っています（「モデル &gt; 前のモデルに戻す」で戻せます）</translation>
    </message>
    <message>
        <location filename="../gui/personal/personal_presenter.py"/>
        <source>Your samples and the personal model are deleted; back to {model}</source>
        <translation>サンプルと個人モデルを削除しました。{model} に戻りました</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>the new personal model reads other people&apos;s digits {drop:.1f} points worse than the model it started from ({accuracy:.1%} instead of {base:.1%}), so it was not kept; labels that are wrong all the same way do that: check them in Model &gt; My handwriting samples</source>
        <translation>新しい個人モデルは、元のモデルより他の人の数字を {drop:.1f} ポイント悪く読む（{base:.1%} ではなく {accuracy:.1%}）ため、保存しませんでした。同じように間違ったラベルがあるとこうなります。「モデル &gt; 自分の筆跡サンプル」でラベルを確認してください</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>sample #{id}</source>
        <translation>サンプル #{id}</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>drawing {number}</source>
        <translation>{number} 番目の手書き</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{which}, labelled {label}, looks like your {like}s</source>
        <translation>{which}（ラベルは {label} ですが、あなたの {like} に似ています）</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>; </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>; and {more} more</source>
        <translation>、ほか {more} 件</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>a sample looks mislabelled, so no personal model was made: {named}. Check it in Model &gt; My handwriting samples (a drawing&apos;s number is in its tooltip): double-click to correct a label, or delete the drawing if its label is right</source>
        <translation>ラベルが間違っているように見えるサンプルがあるため、個人モデルを作りませんでした：{named}。「モデル &gt; 自分の筆跡サンプル」で確認してください（手書きの番号はツールチップにあります）。ダブルクリックでラベルを直せます。ラベルが正しければ、その手書きを削除してください</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{count} samples look mislabelled, so no personal model was made: {named}. Check them in Model &gt; My handwriting samples (a drawing&apos;s number is in its tooltip): double-click to correct a label, or delete the drawing if its label is right</source>
        <translation>{count} 件のサンプルのラベルが間違っているように見えるため、個人モデルを作りませんでした：{named}。「モデル &gt; 自分の筆跡サンプル」で確認してください（手書きの番号はツールチップにあります）。ダブルクリックでラベルを直せます。ラベルが正しければ、その手書きを削除してください</translation>
    </message>
</context>
<context>
    <name>Plots</name>
    <message>
        <location filename="../gui/common/plots.py"/>
        <source>Softmax output of the network: the probability it gives each digit</source>
        <translation>ネットワークのソフトマックス出力：各数字の確率</translation>
    </message>
    <message>
        <location filename="../gui/common/plots.py"/>
        <source>{percent} not sure</source>
        <translation>{percent} 自信なし</translation>
    </message>
    <message>
        <location filename="../gui/common/plots.py"/>
        <source>Wrong? Click the right digit&apos;s bar (or press its key): the app learns your handwriting</source>
        <translation>間違い？ 正しい数字の棒をクリック（またはその数字キーを押す）すると、アプリがあなたの筆跡を学習します</translation>
    </message>
    <message>
        <location filename="../gui/common/plots.py"/>
        <source>{tick}: the probability that it is not a digit at all</source>
        <translation>{tick}：そもそも数字ではない確率</translation>
    </message>
    <message>
        <location filename="../gui/common/plots.py"/>
        <source>probability of each digit</source>
        <translation>各数字の確率</translation>
    </message>
    <message>
        <location filename="../gui/common/plots.py"/>
        <source>probability of each digit   ({tick}: not a digit)</source>
        <translation>各数字の確率　（{tick}：数字ではない）</translation>
    </message>
    <message>
        <location filename="../gui/common/plots.py"/>
        <source>digit</source>
        <translation>数字</translation>
    </message>
</context>
<context>
    <name>Recognition</name>
    <message>
        <location filename="../gui/controllers/recognition_controller.py"/>
        <source>Draw a digit</source>
        <translation>数字を書いてください</translation>
    </message>
    <message>
        <location filename="../gui/controllers/recognition_controller.py"/>
        <source>Recognition failed: {reason}</source>
        <translation>認識に失敗しました：{reason}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/recognition_controller.py"/>
        <source>No digit found</source>
        <translation>数字が見つかりません</translation>
    </message>
    <message>
        <location filename="../gui/controllers/recognition_controller.py"/>
        <source>{file}: no digit found (the image is blank or nearly so)</source>
        <translation>{file}：数字が見つかりません（画像がほぼ空白です）</translation>
    </message>
    <message>
        <location filename="../gui/controllers/recognition_controller.py"/>
        <source>not a digit</source>
        <translation>数字ではありません</translation>
    </message>
    <message>
        <location filename="../gui/controllers/recognition_controller.py"/>
        <source>predicted {digit}</source>
        <translation>予測 {digit}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/recognition_controller.py"/>
        <source>Test image #{index}: true label {label}, {prediction}</source>
        <translation>テスト画像 #{index}：正解ラベル {label}、{prediction}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/shown_images.py"/>
        <source>The model is not loaded yet</source>
        <translation>モデルはまだ読み込まれていません</translation>
    </message>
    <message>
        <location filename="../gui/controllers/shown_images.py"/>
        <source>Cannot open the image</source>
        <translation>画像を開けません</translation>
    </message>
    <message>
        <location filename="../gui/controllers/shown_images.py"/>
        <source>Reading {file} ({width}x{height} pixels)…</source>
        <translation>{file}（{width}×{height} ピクセル）を読み込み中…</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{file}: no such file</source>
        <translation>{file}：ファイルがありません</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{file}: is a folder, not an image file</source>
        <translation>{file}：画像ファイルではなくフォルダーです</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{file}: permission denied; check that the file can be read</source>
        <translation>{file}：読み取りが許可されていません。ファイルを読み取れるか確認してください</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{file}: not a readable image ({formats} expected)</source>
        <translation>{file}：読み取れる画像ではありません（{formats} が使えます）</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{file}: the image is damaged or truncated ({error})</source>
        <translation>{file}：画像が壊れているか途中で切れています（{error}）</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{file}: {width}x{height} is too large to be a digit (limit {limit:,} pixels); scale it down</source>
        <translation>{file}：{width}x{height} は数字の画像として大きすぎます（上限 {limit:,} ピクセル）。縮小してください</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{file}: the image is too large to be a digit; scale it down</source>
        <translation>{file}：数字の画像として大きすぎます。縮小してください</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{some} or {last}</source>
        <translation>{some}、{last}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/recognition_controller.py"/>
        <source>A new drawing in place of {shown}; Ctrl+Z brings it back</source>
        <translation>{shown} の代わりに新しい手書きになりました。Ctrl+Z で元に戻せます</translation>
    </message>
    <message>
        <location filename="../gui/controllers/recognition_controller.py"/>
        <source>the test image</source>
        <translation>テスト画像</translation>
    </message>
    <message>
        <location filename="../gui/controllers/recognition_controller.py"/>
        <source>{file}: {prediction}</source>
        <translation>{file}：{prediction}</translation>
    </message>
</context>
<context>
    <name>Reliability</name>
    <message>
        <location filename="../gui/evaluation/reliability_plot.py"/>
        <source>Calibration: are the percentages honest?</source>
        <translation>較正：確率は正直か？</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/reliability_plot.py"/>
        <source>confidence</source>
        <translation>確信度</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/reliability_plot.py"/>
        <source>accuracy</source>
        <translation>精度</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/reliability_plot.py"/>
        <source>expected calibration error {ece:.2%}</source>
        <translation>期待較正誤差 {ece:.2%}</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/reliability_plot.py"/>
        <source>Reliability diagram: the test images are grouped by how sure the network was (x); each bar is how often it was right in that group (y). On the dashed line, &apos;p% sure&apos; means right p% of the time.</source>
        <translation>信頼性図：テスト画像をネットワークの確信度（横軸）でまとめ、各棒はそのグループで正解した割合（縦軸）を示します。破線の上では「p% の確信」が p% の正解率に一致します。</translation>
    </message>
    <message>
        <location filename="../gui/evaluation/reliability_plot.py"/>
        <source>Orange: the gap between the two. Above a bar, the network was surer than it was right; inside a bar (brownish), it was right more often than it said.</source>
        <translation>オレンジ：両者の差です。棒の上にあれば、ネットワークは実際に正解した割合より自信過剰でした。棒の中（茶色）にあれば、言った確率より多く正解していました。</translation>
    </message>
</context>
<context>
    <name>Samples</name>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Handwriting samples (*.sqlite3);;All files (*)</source>
        <translation>手書きサンプル (*.sqlite3);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>not a digit</source>
        <translation>数字ではない</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>enrolment</source>
        <translation>筆跡の登録</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>correction</source>
        <translation>修正</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>{label}: {source}, the model had said {guess}; {time} UTC</source>
        <translation>{label}: {source}、モデルの予測は {guess}。{time} UTC</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>My handwriting samples</source>
        <translation>自分の筆跡サンプル</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Delete the selected samples (Del)</source>
        <translation>選択したサンプルを削除します (Del)</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Say which digit the selected sample really is (or double-click it)</source>
        <translation>選択したサンプルの正しい数字を指定します（ダブルクリックでも可）</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Save all samples as one file</source>
        <translation>すべてのサンプルを1つのファイルに保存します</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Add the samples of an exported file</source>
        <translation>書き出したファイルのサンプルを追加します</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Change &amp;label…</source>
        <translation>ラベルを変更(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>&amp;Export…</source>
        <translation>書き出し(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>&amp;Import…</source>
        <translation>読み込み(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Your samples cannot be read: {error}</source>
        <translation>サンプルを読み込めません：{error}</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>No samples yet. Use Model &gt; Learn my handwriting…, correct a wrong prediction with a digit key, or clear a drawing that was read right (Model &gt; Learn from drawings I don't correct).</source>
        <translation>まだサンプルがありません。「モデル &gt; 自分の筆跡を学習…」を使うか、間違った予測を数字キーで修正するか、正しく読まれた手書きを消してください（「モデル &gt; 修正しなかった手書きからも学習」）。</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Change the label</source>
        <translation>ラベルの変更</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>This drawing is the digit:</source>
        <translation>この手書きの数字:</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Export samples</source>
        <translation>サンプルの書き出し</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Import samples</source>
        <translation>サンプルの読み込み</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Delete {count} samples? They cannot be brought back.</source>
        <translation>{count} 件のサンプルを削除しますか？元に戻せません。</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Delete samples?</source>
        <translation>サンプルを削除しますか？</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>a drawing you let stand</source>
        <translation>修正しなかった手書き</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Delete this drawing of a {label}? It cannot be brought back.</source>
        <translation>この {label} の手書きを削除しますか？元に戻せません。</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Delete the sample?</source>
        <translation>サンプルを削除しますか？</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>{samples} in {path}; the personal model learnt from {known}.</source>
        <translation>{path} に {samples}。個人モデルは {known}で学習しました。</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>{samples} in {path}; no personal model has learnt them yet.</source>
        <translation>{path} に {samples}。まだどの個人モデルも学習していません。</translation>
    </message>
    <message>
        <location filename="../gui/personal/samples_dialog.py"/>
        <source>Delete this drawing of an {label}? It cannot be brought back.</source>
        <translation>この {label} の手書きを削除しますか？元に戻せません。</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../gui/common/status.py"/>
        <source>Model: loading {model}…</source>
        <translation>モデル：{model} を読み込み中…</translation>
    </message>
    <message>
        <location filename="../gui/common/status.py"/>
        <source>unknown preset</source>
        <translation>プリセット不明</translation>
    </message>
    <message>
        <location filename="../gui/common/status.py"/>
        <source>Model: {model} ({preset})</source>
        <translation>モデル：{model}（{preset}）</translation>
    </message>
    <message>
        <location filename="../gui/common/status.py"/>
        <source>Model: none</source>
        <translation>モデル：なし</translation>
    </message>
    <message>
        <location filename="../gui/common/status.py"/>
        <source>Preparing…</source>
        <translation>準備中…</translation>
    </message>
    <message>
        <location filename="../gui/common/status.py"/>
        <source>Cancelling…</source>
        <translation>中止中…</translation>
    </message>
    <message>
        <location filename="../gui/common/status.py"/>
        <source>batch {step}/{steps}</source>
        <translation>バッチ {step}/{steps}</translation>
    </message>
    <message>
        <location filename="../gui/common/status.py"/>
        <source>validating…</source>
        <translation>検証中…</translation>
    </message>
    <message>
        <location filename="../gui/common/status.py"/>
        <source>Epoch {epoch}/{epochs}, {where}</source>
        <translation>エポック {epoch}/{epochs}、{where}</translation>
    </message>
    <message>
        <location filename="../gui/common/status.py"/>
        <source>Training loss {loss:.4f}</source>
        <translation>学習損失 {loss:.4f}</translation>
    </message>
    <message>
        <location filename="../gui/common/status.py"/>
        <source>Preparing the run: loading the images and TensorFlow, building the network and compiling its first batch (a few seconds). Cancel stops at once.</source>
        <translation>学習の準備中：画像と TensorFlow を読み込み、ネットワークを構築して最初のバッチをコンパイルしています（数秒）。中止するとすぐに止まります。</translation>
    </message>
    <message>
        <location filename="../gui/common/status.py"/>
        <source>Training progress: epoch and batch. The curves grow in the Training curves tab (Ctrl+2).</source>
        <translation>学習の進み具合：エポックとバッチ。曲線は「学習曲線」タブ（Ctrl+2）で伸びていきます。</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <location filename="../gui/controllers/tasks.py"/>
        <source>unexpected error: {kind}: {error}</source>
        <translation>予期しないエラー：{kind}: {error}</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <location filename="../gui/controllers/training_controller.py"/>
        <source>Already training: wait for the run to finish, or cancel it</source>
        <translation>すでに学習中です。終わるまで待つか、中止してください</translation>
    </message>
    <message>
        <location filename="../gui/controllers/training_controller.py"/>
        <source>{model} is the shipped model, which is read-only: save under another name</source>
        <translation>{model} は付属のモデルで読み取り専用です。別の名前で保存してください</translation>
    </message>
    <message>
        <location filename="../gui/controllers/training_controller.py"/>
        <source>Cancelling training…</source>
        <translation>学習を中止しています…</translation>
    </message>
    <message>
        <location filename="../gui/controllers/training_controller.py"/>
        <source>Epoch {epoch}/{epochs}: validation accuracy {accuracy:.2%}</source>
        <translation>エポック {epoch}/{epochs}：検証精度 {accuracy:.2%}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/training_controller.py"/>
        <source>Training cancelled; the model in use is unchanged.</source>
        <translation>学習を中止しました。使用中のモデルは変わりません。</translation>
    </message>
    <message>
        <location filename="../gui/training/training_presenter.py"/>
        <source>training is running (switch models when it has finished)</source>
        <translation>学習中です（学習が終わってから切り替えてください）</translation>
    </message>
    <message>
        <location filename="../gui/training/training_presenter.py"/>
        <source>Training failed</source>
        <translation>学習に失敗しました</translation>
    </message>
    <message>
        <location filename="../gui/training/training_presenter.py"/>
        <source>Nothing changed: the model in use is kept.</source>
        <translation>何も変更されていません。使用中のモデルはそのままです。</translation>
    </message>
    <message>
        <location filename="../gui/training/training_presenter.py"/>
        <source>Training finished: {model} is saved in your models folder</source>
        <translation>学習完了：{model} をモデルフォルダに保存しました</translation>
    </message>
    <message>
        <location filename="../gui/controllers/training_images.py"/>
        <source>{mnist:,} MNIST, {pen:,} pen-drawn digits, {others:,} non-digits</source>
        <translation>MNIST {mnist:,} 枚、ペンで書いた数字 {pen:,} 枚、数字以外 {others:,} 枚</translation>
    </message>
    <message>
        <location filename="../gui/controllers/training_images.py"/>
        <source>MNIST only</source>
        <translation>MNIST のみ</translation>
    </message>
    <message>
        <location filename="../gui/controllers/training_images.py"/>
        <source>{total:,} training images: {parts} (other images are kept for validation)</source>
        <translation>学習画像 {total:,} 枚：{parts}（検証には別の画像を使います）</translation>
    </message>
    <message>
        <location filename="../gui/controllers/training_images.py"/>
        <source>{used:,} of the {images:,} training images ({limit}): {parts}</source>
        <translation>学習画像 {images:,} 枚のうち {used:,} 枚（{limit}）：{parts}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/training_images.py"/>
        <source>{used:,} of the {images:,} training images: {parts}</source>
        <translation>学習画像 {images:,} 枚のうち {used:,} 枚：{parts}</translation>
    </message>
    <message>
        <location filename="../gui/controllers/training_controller.py"/>
        <source>Preparing to train {preset} for {epochs}…</source>
        <translation>{preset} を {epochs} 学習する準備中…</translation>
    </message>
    <message>
        <location filename="../gui/controllers/training_controller.py"/>
        <source>Preparing the first batch of {epochs} × {steps}…</source>
        <translation>{epochs} × {steps} の最初のバッチを準備中…</translation>
    </message>
    <message>
        <location filename="../gui/controllers/training_controller.py"/>
        <source>Training: {epochs} of {steps}</source>
        <translation>学習中：{epochs}（各 {steps}）</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../gui/wording.py"/>
        <source>validation {accuracy:.2%}</source>
        <translation>検証 {accuracy:.2%}</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>test {accuracy:.2%}</source>
        <translation>テスト {accuracy:.2%}</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>trained {date}</source>
        <translation>学習 {date}</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>no saved figures</source>
        <translation>保存された数値なし</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>use 1 to 64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit</source>
        <translation>英字・数字・空白・ピリオド・ハイフン・アンダースコアで 1〜64 文字、先頭は英字か数字にしてください</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>names ending in “{suffix}” are kept for backups</source>
        <translation>「{suffix}」で終わる名前はバックアップ用です</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>“{name}” cannot name a model: {reason}</source>
        <translation>「{name}」はモデル名に使えません：{reason}</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>the classic widths of LeCun et al. 1998, about 62k parameters</source>
        <translation>LeCun ら (1998) の古典的な幅、パラメータ約 6.2 万</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>LeNet-5 with wider layers, batch norm and dropout; chosen on the validation split</source>
        <translation>層を広げ、バッチ正規化とドロップアウトを加えた LeNet-5。検証データで選定</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>the wide network without augmentation or dropout, 2 epochs: about 99.2% in half a minute</source>
        <translation>wide のネットワークからデータ拡張とドロップアウトを除いたもの、2 エポック：約 30 秒で約 99.2%</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>1 sample</source>
        <translation>1 件のサンプル</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{count:,} samples</source>
        <translation>{count:,} 件のサンプル</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>1 epoch</source>
        <translation>1 エポック</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{count:,} epochs</source>
        <translation>{count:,} エポック</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>1 batch</source>
        <translation>1 バッチ</translation>
    </message>
    <message>
        <location filename="../gui/wording.py"/>
        <source>{count:,} batches</source>
        <translation>{count:,} バッチ</translation>
    </message>
</context>
</TS>
