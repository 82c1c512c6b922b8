<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_MX" sourcelanguage="en">
<context>
    <name>AssignTab</name>
    <message>
        <source>Track:</source>
        <translation>Ruta:</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>A quién</translation>
    </message>
    <message>
        <source>Everyone in a &amp;unit</source>
        <translation>Todas las personas de una &amp;unidad</translation>
    </message>
    <message>
        <source>Everyone with a &amp;gap in a competency</source>
        <translation>Todas las personas con &amp;brecha en una competencia</translation>
    </message>
    <message>
        <source>A &amp;list of employee numbers</source>
        <translation>Una &amp;lista de números de empleado</translation>
    </message>
    <message>
        <source>Include the sub-units</source>
        <translation>Incluir las subunidades</translation>
    </message>
    <message>
        <source>Competency:</source>
        <translation>Competencia:</translation>
    </message>
    <message>
        <source>Gap of at least (levels):</source>
        <translation>Brecha de al menos (niveles):</translation>
    </message>
    <message>
        <source>Active staff whose own role requires the competency and whose known level is at least this far below it. Unknown levels are not a gap.</source>
        <translation>Personal activo cuyo propio puesto requiere la competencia y cuyo nivel conocido está al menos así de abajo. Un nivel desconocido no es una brecha.</translation>
    </message>
    <message>
        <source>Employee numbers, one per line (or separated by spaces, commas or semicolons):</source>
        <translation>Números de empleado, uno por renglón (o separados por espacios, comas o punto y coma):</translation>
    </message>
    <message>
        <source>Due date:</source>
        <translation>Fecha límite:</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>Vista p&amp;revia</translation>
    </message>
    <message>
        <source>&amp;Assign</source>
        <translation>A&amp;signar</translation>
    </message>
    <message>
        <source>{0} · {1} ({2} courses, {3} h)</source>
        <translation>{0} · {1} ({2} cursos, {3} h)</translation>
    </message>
    <message>
        <source>Choose a track and who, then Preview.</source>
        <translation>Elija una ruta y a quién, luego Vista previa.</translation>
    </message>
    <message>
        <source>Create a track first (Tracks tab).</source>
        <translation>Primero cree una ruta (pestaña Rutas).</translation>
    </message>
    <message>
        <source>Unknown employee numbers ({0}): {1}</source>
        <translation>Números de empleado desconocidos ({0}): {1}</translation>
    </message>
    <message>
        <source>{0} people selected; {1} already have an open assignment of this track; {2} would be assigned.</source>
        <translation>{0} personas seleccionadas; {1} ya tienen abierta una asignación de esta ruta; se asignaría a {2}.</translation>
    </message>
    <message>
        <source>Assigned to {0} people; {1} already had it open.</source>
        <translation>Asignada a {0} personas; {1} ya la tenían abierta.</translation>
    </message>
    <message>
        <source>{0} inactive people skipped.</source>
        <translation>Se omitieron {0} personas inactivas.</translation>
    </message>
    <message>
        <source>Assigning the track…</source>
        <translation>Asignando la ruta…</translation>
    </message>
</context>
<context>
    <name>CatalogueTab</name>
    <message>
        <source>Code</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Área</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horas</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalidad</translation>
    </message>
    <message>
        <source>Competencies raised → level</source>
        <translation>Competencias que desarrolla → nivel</translation>
    </message>
    <message>
        <source>Prerequisites</source>
        <translation>Prerrequisitos</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>No competencies recorded</source>
        <translation>Sin competencias registradas</translation>
    </message>
    <message>
        <source>Filter by code, title, provider or competency…</source>
        <translation>Filtrar por clave, título, proveedor o competencia…</translation>
    </message>
    <message>
        <source>Show inactive courses</source>
        <translation>Mostrar cursos inactivos</translation>
    </message>
    <message>
        <source>&amp;New course…</source>
        <translation>&amp;Nuevo curso…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>E&amp;liminar…</translation>
    </message>
    <message>
        <source>&amp;Import from spreadsheet…</source>
        <translation>&amp;Importar desde hoja de cálculo…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <source>{0} of {1} courses</source>
        <translation>{0} de {1} cursos</translation>
    </message>
    <message>
        <source>&amp;Reactivate</source>
        <translation>Reac&amp;tivar</translation>
    </message>
    <message>
        <source>De&amp;activate</source>
        <translation>Desac&amp;tivar</translation>
    </message>
    <message>
        <source>Course saved.</source>
        <translation>Curso guardado.</translation>
    </message>
    <message>
        <source>Course {0} saved.</source>
        <translation>Curso {0} guardado.</translation>
    </message>
    <message>
        <source>Course {0} reactivated.</source>
        <translation>Curso {0} reactivado.</translation>
    </message>
    <message>
        <source>Course {0} deactivated: it stays in the history and leaves the planner.</source>
        <translation>Curso {0} desactivado: se conserva en el historial y deja de proponerse.</translation>
    </message>
    <message>
        <source>Saving the course…</source>
        <translation>Guardando el curso…</translation>
    </message>
    <message>
        <source>Delete course</source>
        <translation>Eliminar curso</translation>
    </message>
    <message>
        <source>Delete course {0} “{1}” from the catalogue?</source>
        <translation>¿Eliminar el curso {0} «{1}» del catálogo?</translation>
    </message>
    <message>
        <source>Deactivate the course instead?</source>
        <translation>¿Desactivar el curso en su lugar?</translation>
    </message>
    <message>
        <source>Delete it anyway? Those links are removed with it.</source>
        <translation>¿Eliminarlo de todos modos? Esos vínculos se eliminan con él.</translation>
    </message>
    <message>
        <source>Course {0} deleted.</source>
        <translation>Curso {0} eliminado.</translation>
    </message>
    <message>
        <source>Deleting the course…</source>
        <translation>Eliminando el curso…</translation>
    </message>
    <message>
        <source>Import courses</source>
        <translation>Importar cursos</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)</source>
        <translation>Hojas de cálculo (*.xlsx *.xlsm *.xls *.ods *.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Courses imported: {0} new, {1} changed.</source>
        <translation>Cursos importados: {0} nuevos, {1} modificados.</translation>
    </message>
    <message>
        <source>Export courses</source>
        <translation>Exportar cursos</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Libro de Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Wrote the catalogue ({0} courses) to {1}</source>
        <translation>Se escribió el catálogo ({0} cursos) en {1}</translation>
    </message>
    <message>
        <source>Exporting the courses…</source>
        <translation>Exportando los cursos…</translation>
    </message>
</context>
<context>
    <name>CertificationTab</name>
    <message>
        <source>Employee no.</source>
        <translation>No. de empleado</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estatus</translation>
    </message>
    <message>
        <source>Last passed</source>
        <translation>Última aprobación</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Vigente hasta</translation>
    </message>
    <message>
        <source>Failed attempts</source>
        <translation>Intentos no aprobados</translation>
    </message>
    <message>
        <source>Attempts left</source>
        <translation>Intentos restantes</translation>
    </message>
    <message>
        <source>Role requires it</source>
        <translation>Su puesto la requiere</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Irregular: more attempts than allowed</source>
        <translation>Irregular: más intentos de los permitidos</translation>
    </message>
    <message>
        <source>Program:</source>
        <translation>Programa:</translation>
    </message>
    <message>
        <source>As of:</source>
        <translation>Al:</translation>
    </message>
    <message>
        <source>Due within (days):</source>
        <translation>Por renovar en (días):</translation>
    </message>
    <message>
        <source>Certified people whose certification ends within this many days are due for renewal</source>
        <translation>Las personas certificadas cuya certificación termina dentro de este número de días están por renovar</translation>
    </message>
    <message>
        <source>What to assign</source>
        <translation>Qué asignar</translation>
    </message>
    <message>
        <source>Due date:</source>
        <translation>Fecha límite:</translation>
    </message>
    <message>
        <source>Create a track from the plan…</source>
        <translation>Crear una ruta con el plan…</translation>
    </message>
    <message>
        <source>Everyone counted</source>
        <translation>Todas las personas</translation>
    </message>
    <message>
        <source>No certification programs in this database.</source>
        <translation>No hay programas de certificación en esta base de datos.</translation>
    </message>
    <message>
        <source>{0} · {1} ({2} h; at the target level: {3} of {4})</source>
        <translation>{0} · {1} ({2} h; al nivel meta: {3} de {4})</translation>
    </message>
    <message>
        <source>Best track: &lt;b&gt;{0}&lt;/b&gt; “{1}”, {2} hours; competencies it brings to the target level: {3} of {4}.</source>
        <translation>Mejor ruta: &lt;b&gt;{0}&lt;/b&gt; «{1}», {2} horas; competencias que lleva al nivel meta: {3} de {4}.</translation>
    </message>
    <message>
        <source>No track raises this program&apos;s competencies yet.</source>
        <translation>Aún ninguna ruta desarrolla las competencias de este programa.</translation>
    </message>
    <message>
        <source>Shortest course plan to the target levels: {0} ({1} hours).</source>
        <translation>Plan de cursos más corto hasta los niveles meta: {0} ({1} horas).</translation>
    </message>
    <message>
        <source>No course plan is needed: the targets are reached.</source>
        <translation>No se necesita un plan de cursos: las metas ya se alcanzan.</translation>
    </message>
    <message>
        <source>No course of the catalogue raises this program&apos;s competencies.</source>
        <translation>Ningún curso del catálogo desarrolla las competencias de este programa.</translation>
    </message>
    <message>
        <source>&amp;Assign the track to the {0} people listed</source>
        <translation>A&amp;signar la ruta a las {0} personas de la lista</translation>
    </message>
    <message>
        <source>Assigned to {0} people; {1} already had it open.</source>
        <translation>Asignada a {0} personas; {1} ya la tenían abierta.</translation>
    </message>
    <message>
        <source>{0} inactive people skipped.</source>
        <translation>Se omitieron {0} personas inactivas.</translation>
    </message>
    <message>
        <source>Assigning the track…</source>
        <translation>Asignando la ruta…</translation>
    </message>
    <message>
        <source>Track {0} created.</source>
        <translation>Ruta {0} creada.</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Save chart…</source>
        <translation>Guardar gráfica…</translation>
    </message>
    <message>
        <source>Save this chart as a PNG image, an SVG drawing or a PDF document</source>
        <translation>Guardar esta gráfica como imagen PNG, dibujo SVG o documento PDF</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagen PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>Dibujo SVG (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>Guardar gráfica</translation>
    </message>
    <message>
        <source>Saving the chart…</source>
        <translation>Guardando la gráfica…</translation>
    </message>
</context>
<context>
    <name>CompletionsDialog</name>
    <message>
        <source>C&amp;ourse (code or title):</source>
        <translation>&amp;Curso (clave o nombre):</translation>
    </message>
    <message>
        <source>E&amp;mployee no.:</source>
        <translation>Núm. de &amp;empleado:</translation>
    </message>
    <message>
        <source>Completion &amp;date:</source>
        <translation>Fecha de c&amp;onclusión:</translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation>&amp;Resultado:</translation>
    </message>
    <message>
        <source>S&amp;core:</source>
        <translation>Ca&amp;lificación:</translation>
    </message>
    <message>
        <source>Import course completions</source>
        <translation>Importar constancias de cursos</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Archivo:</translation>
    </message>
    <message>
        <source>A learning platform&apos;s export: xlsx, xlsm, xls, ods or CSV</source>
        <translation>Exportación de una plataforma de aprendizaje: xlsx, xlsm, xls, ods o CSV</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>E&amp;xaminar…</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>Codificación:</translation>
    </message>
    <message>
        <source>Delimiter:</source>
        <translation>Delimitador:</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>Coma ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Punto y coma ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulador</translation>
    </message>
    <message>
        <source>Vertical bar ( | )</source>
        <translation>Barra vertical ( | )</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>&amp;Hoja:</translation>
    </message>
    <message>
        <source>&amp;Header row:</source>
        <translation>&amp;Fila de encabezados:</translation>
    </message>
    <message>
        <source>Find it</source>
        <translation>Buscarla</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <source>(not in the file)</source>
        <translation>(no está en el archivo)</translation>
    </message>
    <message>
        <source>Employee number and course are required. People are matched by employee number; courses by code, else by their English or Spanish title. Without a result column every row counts as passed.</source>
        <translation>El número de empleado y el curso son obligatorios. Las personas se identifican por su número de empleado; los cursos, por su clave o, si no, por su nombre en español o en inglés. Sin columna de resultado, cada fila cuenta como aprobada.</translation>
    </message>
    <message>
        <source>Problems (click one to see its row):</source>
        <translation>Problemas (haga clic en uno para ver su fila):</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>&amp;Export problems…</source>
        <translation>Exportar &amp;problemas…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>Ca&amp;ncel import</source>
        <translation>Ca&amp;ncelar la importación</translation>
    </message>
    <message>
        <source>S&amp;kip the {0} rows with errors and import the others</source>
        <translation>Omi&amp;tir las {0} filas con errores e importar las demás</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>The file cannot be read:</source>
        <translation>No se puede leer el archivo:</translation>
    </message>
    <message>
        <source>The sheet cannot be checked:</source>
        <translation>No se puede revisar la hoja:</translation>
    </message>
    <message>
        <source>Nothing was imported:</source>
        <translation>No se importó nada:</translation>
    </message>
    <message>
        <source>The import was cancelled: nothing was stored.</source>
        <translation>Se canceló la importación: no se guardó nada.</translation>
    </message>
    <message>
        <source>Read as {0} text, columns separated by “{1}”.</source>
        <translation>Leído como texto {0}, columnas separadas por «{1}».</translation>
    </message>
    <message>
        <source>No row can be imported as the sheet is mapped: check the sheet, the header row and the columns.</source>
        <translation>Con la hoja asignada así no se puede importar ninguna fila: revise la hoja, la fila de encabezados y las columnas.</translation>
    </message>
    <message>
        <source>Every completion in this sheet is already stored: there is nothing new to import.</source>
        <translation>Todas las constancias de esta hoja ya están guardadas: no hay nada nuevo que importar.</translation>
    </message>
    <message>
        <source>Fix the file and read it again, change the columns, or tick “Skip” to import the rows without errors.</source>
        <translation>Corrija el archivo y vuelva a leerlo, cambie las columnas o marque «Omitir» para importar las filas sin errores.</translation>
    </message>
    <message>
        <source>Spreadsheets and CSV files ({0});;All files (*)</source>
        <translation>Hojas de cálculo y archivos CSV ({0});;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>There is no file at {0}.</source>
        <translation>No existe el archivo {0}.</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Leyendo el archivo…</translation>
    </message>
    <message>
        <source>{0} (proposed)</source>
        <translation>{0} (propuesta)</translation>
    </message>
    <message>
        <source>Column “{0}” is chosen for more than one field: {1}.</source>
        <translation>La columna «{0}» está elegida para más de un campo: {1}.</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Revisando cada fila…</translation>
    </message>
    <message>
        <source>Completions read: &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>Constancias leídas: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>new: &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>nuevas: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>already stored: {0}</source>
        <translation>ya guardadas: {0}</translation>
    </message>
    <message>
        <source>rows with errors: &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>filas con errores: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>warnings: {0}</source>
        <translation>advertencias: {0}</translation>
    </message>
    <message>
        <source>Sheet “{0}”, header in row {1}</source>
        <translation>Hoja «{0}», encabezados en la fila {1}</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>… and {0} more: export the problems to read them all</source>
        <translation>… y {0} más: exporte los problemas para leerlos todos</translation>
    </message>
    <message>
        <source>{0}_problems.xlsx</source>
        <translation>{0}_problemas.xlsx</translation>
    </message>
    <message>
        <source>Export problems</source>
        <translation>Exportar problemas</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;JSON (*.json)</source>
        <translation>Libro de Excel (*.xlsx);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Wrote {0}</source>
        <translation>Se guardó {0}</translation>
    </message>
    <message>
        <source>Exporting the problems…</source>
        <translation>Exportando los problemas…</translation>
    </message>
    <message>
        <source>Imported {0} course completions as import no. {1}. The Imports page can undo it.</source>
        <translation>Se importaron {0} constancias de cursos como la importación no. {1}. La página Importaciones puede deshacerla.</translation>
    </message>
    <message>
        <source>Rows left out because of errors: {0} · already stored: {1}</source>
        <translation>Filas omitidas por errores: {0} · ya guardadas: {1}</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
</context>
<context>
    <name>CompletionsPreviewModel</name>
    <message>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>No. de empleado</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Course (as written)</source>
        <translation>Curso (como está escrito)</translation>
    </message>
    <message>
        <source>Catalogue course</source>
        <translation>Curso del catálogo</translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation>Concluido el</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Calificación</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estatus</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Aprobado</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>No aprobado</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nueva</translation>
    </message>
    <message>
        <source>Already stored</source>
        <translation>Ya guardada</translation>
    </message>
    <message>
        <source>Not imported: error</source>
        <translation>No se importa: error</translation>
    </message>
    <message>
        <source>This row has errors: it is not imported.</source>
        <translation>Esta fila tiene errores: no se importa.</translation>
    </message>
    <message>
        <source>The same completion (person, course, date and result) is already stored: it is not stored twice.</source>
        <translation>La misma constancia (persona, curso, fecha y resultado) ya está guardada: no se guarda dos veces.</translation>
    </message>
</context>
<context>
    <name>CoreView</name>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Filter competencies</source>
        <translation>Filtrar competencias</translation>
    </message>
    <message>
        <source>Count a competency as:</source>
        <translation>Contar una competencia como:</translation>
    </message>
    <message>
        <source>gap closed</source>
        <translation>brecha cerrada</translation>
    </message>
    <message>
        <source>raised by 1 level</source>
        <translation>elevada 1 nivel</translation>
    </message>
    <message>
        <source>raised by 2 levels</source>
        <translation>elevada 2 niveles</translation>
    </message>
    <message>
        <source>How many moves between role profiles that are not viable now would become viable with each competency. Those marked hard to transfer are in red: moves they block are better filled by hiring.</source>
        <translation>Cuántos cambios entre perfiles de puesto que hoy no son viables lo serían con cada competencia. Las marcadas como difíciles de transferir van en rojo: conviene cubrir por contratación los cambios que bloquean.</translation>
    </message>
</context>
<context>
    <name>CourseDialog</name>
    <message>
        <source>New course</source>
        <translation>Nuevo curso</translation>
    </message>
    <message>
        <source>Edit course {0}</source>
        <translation>Editar el curso {0}</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>Título (inglés)</translation>
    </message>
    <message>
        <source>Title (Spanish)</source>
        <translation>Título (español)</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Área</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horas</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalidad</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Description (English)</source>
        <translation>Descripción (inglés)</translation>
    </message>
    <message>
        <source>Description (Spanish)</source>
        <translation>Descripción (español)</translation>
    </message>
    <message>
        <source>Offered (inactive courses leave the planner)</source>
        <translation>Se ofrece (los cursos inactivos dejan de proponerse)</translation>
    </message>
    <message>
        <source>Competencies raised</source>
        <translation>Competencias que desarrolla</translation>
    </message>
    <message>
        <source>Competency</source>
        <translation>Competencia</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Level reached</source>
        <translation>Nivel que alcanza</translation>
    </message>
    <message>
        <source>Find a competency by code or name…</source>
        <translation>Buscar una competencia por clave o nombre…</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Agregar</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Prerequisites (courses to pass first)</source>
        <translation>Prerrequisitos (cursos que deben acreditarse antes)</translation>
    </message>
    <message>
        <source>Find a course by code or title…</source>
        <translation>Buscar un curso por clave o título…</translation>
    </message>
    <message>
        <source>Reload the course</source>
        <translation>Volver a cargar el curso</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Saving the course…</source>
        <translation>Guardando el curso…</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Prerequisites</source>
        <translation>Prerrequisitos</translation>
    </message>
    <message>
        <source>The course was read again: it shows what is stored now.</source>
        <translation>Se volvió a leer el curso: muestra lo que está guardado ahora.</translation>
    </message>
    <message>
        <source>Reading the course…</source>
        <translation>Leyendo el curso…</translation>
    </message>
</context>
<context>
    <name>CourseImportDialog</name>
    <message>
        <source>Import courses</source>
        <translation>Importar cursos</translation>
    </message>
    <message>
        <source>Courses in {0}</source>
        <translation>Cursos en {0}</translation>
    </message>
    <message>
        <source>What the import would do (nothing is stored until you click Import):</source>
        <translation>Lo que haría la importación (no se guarda nada hasta que haga clic en Importar):</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Diferencias</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation>Leyendo y revisando el archivo…</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>No se pudo leer el archivo.</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>Revisando {0}…</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modificado</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Sin cambios</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>{0} courses read: {1} new, {2} changed, {3} unchanged, {4} with errors. {5} courses of the catalogue are not in the file and stay as they are.</source>
        <translation>{0} cursos leídos: {1} nuevos, {2} modificados, {3} sin cambios, {4} con errores. {5} cursos del catálogo no están en el archivo y se quedan como están.</translation>
    </message>
    <message>
        <source>Problems ({0} errors, {1} warnings):</source>
        <translation>Problemas ({0} errores, {1} advertencias):</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>No se encontraron problemas.</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… y {0} más</translation>
    </message>
    <message>
        <source>Fix the errors in the file and import it again: a file with errors is not imported.</source>
        <translation>Corrija los errores del archivo e impórtelo de nuevo: un archivo con errores no se importa.</translation>
    </message>
    <message>
        <source>Nothing to import: every course of the file is already in the catalogue as it is.</source>
        <translation>Nada que importar: todos los cursos del archivo ya están así en el catálogo.</translation>
    </message>
    <message>
        <source>Importing the courses…</source>
        <translation>Importando los cursos…</translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <source>Export table as CSV</source>
        <translation>Exportar tabla como CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Archivos CSV (*.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Reading the table…</source>
        <translation>Leyendo la tabla…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>Escribiendo {0}…</translation>
    </message>
    <message>
        <source>The table was exported, but the export could not be recorded:</source>
        <translation>La tabla se exportó, pero la exportación no pudo registrarse:</translation>
    </message>
    <message>
        <source>The table could not be exported:</source>
        <translation>No fue posible exportar la tabla:</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Staff in the selection</source>
        <translation>Personas en la selección</translation>
    </message>
    <message>
        <source>Required levels assessed</source>
        <translation>Niveles requeridos evaluados</translation>
    </message>
    <message>
        <source>Average readiness for their own position</source>
        <translation>Preparación promedio para su propio puesto</translation>
    </message>
    <message>
        <source>Data as of</source>
        <translation>Datos al</translation>
    </message>
    <message>
        <source>Readiness counts only the assessed requirements; an unknown level is never taken as zero. &lt;a href=&quot;measures&quot;&gt;How each measure is defined&lt;/a&gt;</source>
        <translation>La preparación cuenta solo los requisitos evaluados; un nivel desconocido nunca se toma como cero. &lt;a href=&quot;measures&quot;&gt;Cómo se define cada medida&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Loading the gap data…</source>
        <translation>Cargando los datos de la brecha…</translation>
    </message>
    <message>
        <source>Units furthest behind</source>
        <translation>Unidades con menor preparación</translation>
    </message>
    <message>
        <source>Agencies furthest behind</source>
        <translation>Dependencias con menor preparación</translation>
    </message>
    <message>
        <source>{0} with a role profile</source>
        <translation>{0} con perfil de rol</translation>
    </message>
    <message>
        <source>{0} of {1} required levels; {2} people with at least one</source>
        <translation>{0} de {1} niveles requeridos; {2} personas con al menos uno</translation>
    </message>
    <message>
        <source>Share of the required proficiency they already have</source>
        <translation>Proporción del dominio requerido que ya tienen</translation>
    </message>
    <message>
        <source>As-of date; latest assessment used: {0}</source>
        <translation>Fecha de corte; última evaluación considerada: {0}</translation>
    </message>
    <message>
        <source>Date of the latest assessment</source>
        <translation>Fecha de la evaluación más reciente</translation>
    </message>
</context>
<context>
    <name>DifferencesPage</name>
    <message>
        <source>Differences</source>
        <translation>Diferencias</translation>
    </message>
    <message>
        <source>What the import will change in the database. People are matched by employee number; nobody is deleted.</source>
        <translation>Lo que la importación cambiará en la base de datos. Las personas se identifican por su número de empleado; no se elimina a nadie.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importar</translation>
    </message>
    <message>
        <source>new people</source>
        <translation>personas nuevas</translation>
    </message>
    <message>
        <source>people with changes</source>
        <translation>personas con cambios</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>sin cambios</translation>
    </message>
    <message>
        <source>stored but missing from the file</source>
        <translation>guardadas pero ausentes del archivo</translation>
    </message>
    <message>
        <source>new levels</source>
        <translation>niveles nuevos</translation>
    </message>
    <message>
        <source>levels already stored</source>
        <translation>niveles ya guardados</translation>
    </message>
    <message>
        <source>new agencies</source>
        <translation>dependencias nuevas</translation>
    </message>
    <message>
        <source>new units</source>
        <translation>unidades nuevas</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>No. de empleado</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Employee no. and name</source>
        <translation>No. de empleado y nombre</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Después</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Dependencia</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad administrativa</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… y {0} más</translation>
    </message>
    <message>
        <source>New people</source>
        <translation>Personas nuevas</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Con cambios</translation>
    </message>
    <message>
        <source>Missing from the file</source>
        <translation>Ausentes del archivo</translation>
    </message>
    <message>
        <source>New agencies and units</source>
        <translation>Dependencias y unidades nuevas</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the file</source>
        <translation>Elija el archivo</translation>
    </message>
    <message>
        <source>An HR workbook (xlsx, xlsm, xls, ods) or a CSV file with one row per person.</source>
        <translation>Un libro de recursos humanos (xlsx, xlsm, xls, ods) o un archivo CSV con una fila por persona.</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Archivo:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>CSV files</source>
        <translation>Archivos CSV</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Codificación:</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Separador:</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>Coma ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Punto y coma ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulador</translation>
    </message>
    <message>
        <source>Vertical bar ( | )</source>
        <translation>Barra vertical ( | )</translation>
    </message>
    <message>
        <source>Leave them on Automatic unless the names come out garbled or in one column.</source>
        <translation>Déjelos en Automático salvo que los nombres salgan con caracteres extraños o todo en una sola columna.</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <source>Start from a &amp;saved mapping:</source>
        <translation>Partir de un &amp;mapeo guardado:</translation>
    </message>
    <message>
        <source>(none: detect the columns)</source>
        <translation>(ninguno: detectar las columnas)</translation>
    </message>
    <message>
        <source>A mapping saved from an earlier file says which column holds what; you can still change it on the next page.</source>
        <translation>Un mapeo guardado de un archivo anterior indica qué contiene cada columna; aún puede cambiarlo en la página siguiente.</translation>
    </message>
    <message>
        <source>Import staff</source>
        <translation>Importar personal</translation>
    </message>
    <message>
        <source>Spreadsheets and CSV files ({0});;All files (*)</source>
        <translation>Hojas de cálculo y archivos CSV ({0});;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>There is no file at {0}.</source>
        <translation>No existe el archivo {0}.</translation>
    </message>
    <message>
        <source>The file cannot be read:</source>
        <translation>No se puede leer el archivo:</translation>
    </message>
</context>
<context>
    <name>FrameworkBrowser</name>
    <message>
        <source>No frameworks in this database. Use File → Import framework…</source>
        <translation>No hay marcos en esta base de datos. Use Archivo → Importar marco…</translation>
    </message>
    <message>
        <source>&amp;Framework:</source>
        <translation>&amp;Marco:</translation>
    </message>
    <message>
        <source>Framework shown on this screen</source>
        <translation>Marco que se muestra en esta pantalla</translation>
    </message>
    <message>
        <source>Competencies</source>
        <translation>Competencias</translation>
    </message>
    <message>
        <source>Role profiles</source>
        <translation>Perfiles de rol</translation>
    </message>
    <message>
        <source>Filter competencies by name or code…</source>
        <translation>Filtrar competencias por nombre o código…</translation>
    </message>
    <message>
        <source>Type part of a name or code, in English or Spanish</source>
        <translation>Escriba parte de un nombre o código, en inglés o en español</translation>
    </message>
    <message>
        <source>Competency</source>
        <translation>Competencia</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Categories and competencies</source>
        <translation>Categorías y competencias</translation>
    </message>
    <message>
        <source>No competency matches the filter.</source>
        <translation>Ninguna competencia coincide con el filtro.</translation>
    </message>
    <message>
        <source>Select a competency to see its description and level descriptors.</source>
        <translation>Seleccione una competencia para ver su descripción y los descriptores de sus niveles.</translation>
    </message>
    <message>
        <source>Proficiency levels</source>
        <translation>Niveles de dominio</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Descriptor</source>
        <translation>Descriptor</translation>
    </message>
    <message>
        <source>Descriptors of the proficiency levels</source>
        <translation>Descriptores de los niveles de dominio</translation>
    </message>
    <message>
        <source>Role family, role and level</source>
        <translation>Familia de roles, rol y nivel</translation>
    </message>
    <message>
        <source>Role families, roles and role profiles</source>
        <translation>Familias de roles, roles y perfiles de rol</translation>
    </message>
    <message>
        <source>Select a role to see its career ladder, or a level to see its requirements.</source>
        <translation>Seleccione un rol para ver su ruta de carrera, o un nivel para ver sus requisitos.</translation>
    </message>
    <message>
        <source>Career ladder</source>
        <translation>Ruta de carrera</translation>
    </message>
    <message>
        <source>Seniority</source>
        <translation>Escalón</translation>
    </message>
    <message>
        <source>Role profile</source>
        <translation>Perfil de rol</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>Requisitos</translation>
    </message>
    <message>
        <source>Required level</source>
        <translation>Nivel requerido</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <source>Hard to transfer: better hired than reskilled</source>
        <translation>Difícil de transferir: conviene más contratar que capacitar</translation>
    </message>
    <message>
        <source>Hard to transfer</source>
        <translation>Difícil de transferir</translation>
    </message>
    <message>
        <source>Requirements of the role profile</source>
        <translation>Requisitos del perfil de rol</translation>
    </message>
    <message>
        <source>Double-click a requirement to open the competency</source>
        <translation>Haga doble clic en un requisito para abrir la competencia</translation>
    </message>
    <message>
        <source>Role profiles that require the competency</source>
        <translation>Perfiles de rol que requieren la competencia</translation>
    </message>
    <message>
        <source>Double-click a role profile to open it</source>
        <translation>Haga doble clic en un perfil de rol para abrirlo</translation>
    </message>
    <message>
        <source>Double-click a level to open its requirements</source>
        <translation>Haga doble clic en un nivel para ver sus requisitos</translation>
    </message>
    <message>
        <source>Required level at each seniority</source>
        <translation>Nivel requerido en cada escalón</translation>
    </message>
    <message>
        <source>Required level of each competency at each seniority</source>
        <translation>Nivel requerido de cada competencia en cada escalón</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>Niveles</translation>
    </message>
    <message>
        <source>{name} — {code} v{version}</source>
        <translation>{name} — {code} v{version}</translation>
    </message>
    <message>
        <source>{framework} (inactive)</source>
        <translation>{framework} (no vigente)</translation>
    </message>
    <message>
        <source>A newer version of this framework is active</source>
        <translation>Está vigente una versión más reciente de este marco</translation>
    </message>
    <message>
        <source>Categories: {count}</source>
        <translation>Categorías: {count}</translation>
    </message>
    <message>
        <source>Competencies: {count}</source>
        <translation>Competencias: {count}</translation>
    </message>
    <message>
        <source>Roles: {count}</source>
        <translation>Roles: {count}</translation>
    </message>
    <message>
        <source>Role profiles: {count}</source>
        <translation>Perfiles de rol: {count}</translation>
    </message>
    <message>
        <source>Scale: {low}–{high}</source>
        <translation>Escala: {low}–{high}</translation>
    </message>
    <message>
        <source>Publisher: {publisher}</source>
        <translation>Emitido por: {publisher}</translation>
    </message>
    <message>
        <source>Category · {code} · Competencies: {count}</source>
        <translation>Categoría · {code} · Competencias: {count}</translation>
    </message>
    <message>
        <source>{code} · Category: {category}</source>
        <translation>{code} · Categoría: {category}</translation>
    </message>
    <message>
        <source>No descriptor for this level</source>
        <translation>Sin descriptor para este nivel</translation>
    </message>
    <message>
        <source>Required in role profiles: {count}</source>
        <translation>Requerida en perfiles de rol: {count}</translation>
    </message>
    <message>
        <source>No role profile requires this competency.</source>
        <translation>Ningún perfil de rol requiere esta competencia.</translation>
    </message>
    <message>
        <source>Role: {role}</source>
        <translation>Rol: {role}</translation>
    </message>
    <message>
        <source>Role profile · {code} · Seniority {seniority}
Role: {role} · Family: {family}</source>
        <translation>Perfil de rol · {code} · Escalón {seniority}
Rol: {role} · Familia: {family}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>This role profile has no requirements.</source>
        <translation>Este perfil de rol no tiene requisitos.</translation>
    </message>
    <message>
        <source>Requirements: {count}</source>
        <translation>Requisitos: {count}</translation>
    </message>
    <message>
        <source>{competency} at level {level}</source>
        <translation>{competency} en el nivel {level}</translation>
    </message>
    <message>
        <source>Next level, {level}: {text}</source>
        <translation>Siguiente nivel, {level}: {text}</translation>
    </message>
    <message>
        <source>Role · {code} · Family: {family} · Levels: {levels}</source>
        <translation>Rol · {code} · Familia: {family} · Niveles: {levels}</translation>
    </message>
    <message>
        <source>Seniority {n}</source>
        <translation>Escalón {n}</translation>
    </message>
    <message>
        <source>Weight {weight}</source>
        <translation>Peso {weight}</translation>
    </message>
    <message>
        <source>Role family · {code} · Roles: {roles}</source>
        <translation>Familia de roles · {code} · Roles: {roles}</translation>
    </message>
</context>
<context>
    <name>GapsPage</name>
    <message>
        <source>Saved the chart to {0}</source>
        <translation>Se guardó la gráfica en {0}</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Dependencia</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Role family</source>
        <translation>Familia de roles</translation>
    </message>
    <message>
        <source>Framework</source>
        <translation>Marco</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>Fecha de corte</translation>
    </message>
    <message>
        <source>Count only the assessments made on or before this date</source>
        <translation>Contar solo las evaluaciones hechas en esta fecha o antes</translation>
    </message>
    <message>
        <source>Measures…</source>
        <translation>Medidas…</translation>
    </message>
    <message>
        <source>How each gap measure is defined</source>
        <translation>Cómo se define cada medida de la brecha</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tablero</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>Mapa de calor</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Calculating the gaps…</source>
        <translation>Calculando las brechas…</translation>
    </message>
    <message>
        <source>Calculation cancelled.</source>
        <translation>Cálculo cancelado.</translation>
    </message>
    <message>
        <source>All agencies</source>
        <translation>Todas las dependencias</translation>
    </message>
    <message>
        <source>All frameworks</source>
        <translation>Todos los marcos</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>Todas las unidades</translation>
    </message>
    <message>
        <source>All role families</source>
        <translation>Todas las familias de roles</translation>
    </message>
    <message>
        <source>No database open</source>
        <translation>No hay una base de datos abierta</translation>
    </message>
    <message>
        <source>Gap data not loaded yet</source>
        <translation>Los datos de la brecha aún no se han cargado</translation>
    </message>
    <message>
        <source>No assessments yet · {0} people</source>
        <translation>Aún no hay evaluaciones · {0} personas</translation>
    </message>
    <message>
        <source>Levels as of {0} (latest assessment used: {1}) · {2} people</source>
        <translation>Niveles al {0} (última evaluación considerada: {1}) · {2} personas</translation>
    </message>
    <message>
        <source>Current levels; data as of {0} (latest assessment) · {1} people</source>
        <translation>Niveles actuales; datos al {0} (última evaluación) · {1} personas</translation>
    </message>
</context>
<context>
    <name>GenerateTrackDialog</name>
    <message>
        <source>Generate a track from a role&apos;s typical gap</source>
        <translation>Generar una ruta a partir de la brecha típica de un puesto</translation>
    </message>
    <message>
        <source>Role profile:</source>
        <translation>Perfil de puesto:</translation>
    </message>
    <message>
        <source>Counts when short:</source>
        <translation>Cuenta si no alcanzan:</translation>
    </message>
    <message>
        <source>A competency is part of the typical gap when at least this share of the people assessed in it fall short of the required level</source>
        <translation>Una competencia forma parte de la brecha típica cuando al menos esta proporción de las personas evaluadas en ella no alcanza el nivel requerido</translation>
    </message>
    <message>
        <source>Typical gap:</source>
        <translation>Brecha típica:</translation>
    </message>
    <message>
        <source>median</source>
        <translation>mediana</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>promedio</translation>
    </message>
    <message>
        <source>maximum</source>
        <translation>máximo</translation>
    </message>
    <message>
        <source>&amp;Propose</source>
        <translation>&amp;Proponer</translation>
    </message>
    <message>
        <source>Typical gap of the people holding the role</source>
        <translation>Brecha típica de las personas que ocupan el puesto</translation>
    </message>
    <message>
        <source>Competency</source>
        <translation>Competencia</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Requerido</translation>
    </message>
    <message>
        <source>Assessed</source>
        <translation>Evaluadas</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>No alcanzan</translation>
    </message>
    <message>
        <source>Share short</source>
        <translation>Proporción que no alcanza</translation>
    </message>
    <message>
        <source>Typical gap</source>
        <translation>Brecha típica</translation>
    </message>
    <message>
        <source>Proposed courses, in order</source>
        <translation>Cursos propuestos, en orden</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Núm.</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horas</translation>
    </message>
    <message>
        <source>Closes</source>
        <translation>Cierra</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>Clave:</translation>
    </message>
    <message>
        <source>Name (English):</source>
        <translation>Nombre (inglés):</translation>
    </message>
    <message>
        <source>Name (Spanish):</source>
        <translation>Nombre (español):</translation>
    </message>
    <message>
        <source>Save as a track</source>
        <translation>Guardar como ruta</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Measuring the typical gap…</source>
        <translation>Midiendo la brecha típica…</translation>
    </message>
    <message>
        <source>Proposing a track…</source>
        <translation>Proponiendo una ruta…</translation>
    </message>
    <message>
        <source>Choose a role profile and click Propose: SkillMap measures the typical gap of the people who hold it and picks the courses that close it with the fewest hours.</source>
        <translation>Elija un perfil de puesto y haga clic en Proponer: SkillMap mide la brecha típica de las personas que lo ocupan y elige los cursos que la cierran con menos horas.</translation>
    </message>
    <message>
        <source>{0} people hold “{1}”. Typical gap in {2} of its {3} competencies; proposed track: {4} courses, {5} hours.</source>
        <translation>{0} personas ocupan «{1}». Brecha típica en {2} de sus {3} competencias; ruta propuesta: {4} cursos, {5} horas.</translation>
    </message>
    <message>
        <source>No course closes: {0}.</source>
        <translation>Ningún curso cierra: {0}.</translation>
    </message>
    <message>
        <source>There is nothing to propose for this role.</source>
        <translation>No hay nada que proponer para este puesto.</translation>
    </message>
    <message>
        <source>(prerequisite)</source>
        <translation>(prerrequisito)</translation>
    </message>
    <message>
        <source>Saving the track…</source>
        <translation>Guardando la ruta…</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <source>Show only the route&apos;s moves</source>
        <extracomment>the roles the ranking model answers (the view asks for a dozen others per cell)</extracomment>
        <translation>Mostrar solo los movimientos de la ruta</translation>
    </message>
    <message>
        <source>Draw only the moves of the route and those into and out of the target role</source>
        <translation>Dibujar solo los movimientos de la ruta y los de entrada y salida del puesto objetivo</translation>
    </message>
    <message>
        <source>Point at a role or a move for its numbers; click a role to make it the target. Zoom and pan with the buttons on the left.</source>
        <translation>Señale un puesto o un movimiento para ver sus cifras; haga clic en un puesto para volverlo el objetivo. Acerque y desplace con los botones de la izquierda.</translation>
    </message>
    <message>
        <source>Show the whole graph</source>
        <translation>Mostrar todo el grafo</translation>
    </message>
    <message>
        <source>Back to the previous view</source>
        <translation>Volver a la vista anterior</translation>
    </message>
    <message>
        <source>Forward to the next view</source>
        <translation>Ir a la vista siguiente</translation>
    </message>
    <message>
        <source>Pan: drag with the left button; zoom: drag with the right button</source>
        <translation>Desplazar: arrastre con el botón izquierdo; acercar: arrastre con el botón derecho</translation>
    </message>
    <message>
        <source>Zoom to a rectangle</source>
        <translation>Acercar a un rectángulo</translation>
    </message>
    <message>
        <source>Route of {0} to {1}</source>
        <translation>Ruta de {0} hacia {1}</translation>
    </message>
    <message>
        <source>Moves between roles · target: {0}</source>
        <translation>Movimientos entre puestos · objetivo: {0}</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <source>Rows:</source>
        <translation>Filas:</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>Color:</translation>
    </message>
    <message>
        <source>Agencies</source>
        <translation>Dependencias</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Role families</source>
        <translation>Familias de roles</translation>
    </message>
    <message>
        <source>Share meeting the requirement</source>
        <translation>Proporción que cumple el requisito</translation>
    </message>
    <message>
        <source>Mean gap (levels)</source>
        <translation>Brecha promedio (niveles)</translation>
    </message>
    <message>
        <source>Point at a cell for its numbers; click it to list the people short there.</source>
        <translation>Señale una celda para ver sus cifras; haga clic en ella para listar a las personas con brecha ahí.</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>No. de empleado</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Role profile</source>
        <translation>Perfil de rol</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Requerido</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>Brecha</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Dependencia</translation>
    </message>
    <message>
        <source>Role family</source>
        <translation>Familia de roles</translation>
    </message>
    <message>
        <source>Loading the gap data…</source>
        <translation>Cargando los datos de la brecha…</translation>
    </message>
    <message>
        <source>Skills gap by agency and competency</source>
        <translation>Brecha de competencias por dependencia y competencia</translation>
    </message>
    <message>
        <source>Skills gap by unit and competency</source>
        <translation>Brecha de competencias por unidad y competencia</translation>
    </message>
    <message>
        <source>Skills gap by role family and competency</source>
        <translation>Brecha de competencias por familia de roles y competencia</translation>
    </message>
    <message>
        <source>Competency</source>
        <translation>Competencia</translation>
    </message>
    <message>
        <source>Showing the {0} largest units; {1} more are left out. Choose an agency to see all of its units.</source>
        <translation>Se muestran las {0} unidades más grandes; {1} más quedan fuera. Elija una dependencia para ver todas sus unidades.</translation>
    </message>
    <message>
        <source>Nobody here needs this competency for their role</source>
        <translation>Aquí nadie requiere esta competencia para su puesto</translation>
    </message>
    <message>
        <source>Required of {0} people; none assessed</source>
        <translation>Requerida a {0} personas; ninguna evaluada</translation>
    </message>
    <message>
        <source>Meeting the requirement: {0} ({1} of {2} assessed)</source>
        <translation>Cumplen el requisito: {0} ({1} de {2} evaluadas)</translation>
    </message>
    <message>
        <source>Mean gap: {0} levels</source>
        <translation>Brecha promedio: {0} niveles</translation>
    </message>
    <message>
        <source>Short: {0} people (click to list them)</source>
        <translation>Con brecha: {0} personas (haga clic para listarlas)</translation>
    </message>
    <message>
        <source>Not assessed: {0} of {1}</source>
        <translation>Sin evaluar: {0} de {1}</translation>
    </message>
    <message>
        <source>Click a cell of the heatmap to list the people short in that competency.</source>
        <translation>Haga clic en una celda del mapa de calor para listar a las personas con brecha en esa competencia.</translation>
    </message>
    <message>
        <source>{0} · {1}: {2} people short ({3} of {4} assessed meet the requirement). Double-click a person to see their gaps.</source>
        <translation>{0} · {1}: {2} personas con brecha ({3} de {4} evaluadas cumplen el requisito). Haga doble clic en una persona para ver sus brechas.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import staff</source>
        <translation>Importar personal</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Atrás</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Siguiente &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Finalizar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Nothing was imported:</source>
        <translation>No se importó nada:</translation>
    </message>
    <message>
        <source>The import was cancelled: nothing was stored.</source>
        <translation>Se canceló la importación: no se guardó nada.</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Leyendo el archivo…</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Revisando cada fila…</translation>
    </message>
    <message>
        <source>Exporting the problems…</source>
        <translation>Exportando los problemas…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
</context>
<context>
    <name>ImportingPage</name>
    <message>
        <source>Importing</source>
        <translation>Importación en curso</translation>
    </message>
    <message>
        <source>The import is stored in one transaction: all of it, or nothing.</source>
        <translation>La importación se guarda en una sola transacción: todo o nada.</translation>
    </message>
    <message>
        <source>&amp;Cancel import</source>
        <translation>&amp;Cancelar la importación</translation>
    </message>
    <message>
        <source>Cancel stops the import and stores nothing.</source>
        <translation>Cancelar detiene la importación y no guarda nada.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
</context>
<context>
    <name>ImportsPage</name>
    <message>
        <source>Imports</source>
        <translation>Importaciones</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estatus</translation>
    </message>
    <message>
        <source>People added</source>
        <translation>Personas agregadas</translation>
    </message>
    <message>
        <source>People updated</source>
        <translation>Personas actualizadas</translation>
    </message>
    <message>
        <source>Levels added</source>
        <translation>Niveles agregados</translation>
    </message>
    <message>
        <source>&amp;Undo import…</source>
        <translation>&amp;Deshacer importación…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Import course &amp;completions…</source>
        <translation>Importar cons&amp;tancias de cursos…</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Sample organisation</source>
        <translation>Organización de muestra</translation>
    </message>
    <message>
        <source>Framework</source>
        <translation>Marco</translation>
    </message>
    <message>
        <source>Course completions</source>
        <translation>Constancias de cursos</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importada</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Deshecha</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrumpida</translation>
    </message>
    <message>
        <source>SHA-256: {0}</source>
        <translation>SHA-256: {0}</translation>
    </message>
    <message>
        <source>Choose an import in the list.</source>
        <translation>Elija una importación de la lista.</translation>
    </message>
    <message>
        <source>This import was already undone.</source>
        <translation>Esta importación ya se deshizo.</translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation>Deshacer importación</translation>
    </message>
    <message>
        <source>Undo import no. {0} ({1})? People it added are removed, people it changed get their previous data back, and the levels it added are deleted.</source>
        <translation>¿Deshacer la importación no. {0} ({1})? Se eliminan las personas que agregó, las personas que modificó recuperan sus datos anteriores y se borran los niveles que agregó.</translation>
    </message>
    <message>
        <source>Every file imported into this database: who imported it, when, and what it changed. A staff import or a course-completions import can be undone as a whole, newest first.</source>
        <translation>Cada archivo importado a esta base de datos: quién lo importó, cuándo y qué cambió. Una importación de personal o de constancias de cursos se puede deshacer completa, empezando por la más reciente.</translation>
    </message>
    <message>
        <source>Completions added</source>
        <translation>Constancias agregadas</translation>
    </message>
    <message>
        <source>Nothing has been imported into this database yet. Use File ▸ Import staff… or File ▸ Import course completions…</source>
        <translation>Todavía no se ha importado nada a esta base de datos. Use Archivo ▸ Importar personal… o Archivo ▸ Importar constancias de cursos…</translation>
    </message>
    <message>
        <source>Only staff imports and course-completions imports can be undone here.</source>
        <translation>Aquí sólo se pueden deshacer importaciones de personal y de constancias de cursos.</translation>
    </message>
    <message>
        <source>Undo import no. {0} ({1})? The {2} course completions it added are deleted.</source>
        <translation>¿Deshacer la importación no. {0} ({1})? Se borran las {2} constancias de cursos que agregó.</translation>
    </message>
    <message>
        <source>Undoing import {0}…</source>
        <translation>Deshaciendo la importación {0}…</translation>
    </message>
    <message>
        <source>Import {0} undone: {1} course completions removed, with the {2} levels they had raised.</source>
        <translation>Importación {0} deshecha: se eliminaron {1} constancias de cursos y los {2} niveles que habían elevado.</translation>
    </message>
    <message>
        <source>Import {0} undone: {1} course completions removed.</source>
        <translation>Importación {0} deshecha: {1} constancias de cursos eliminadas.</translation>
    </message>
    <message>
        <source>Import {0} undone: {1} people removed, {2} restored, {3} levels removed.</source>
        <translation>Importación {0} deshecha: {1} personas eliminadas, {2} restauradas, {3} niveles eliminados.</translation>
    </message>
    <message>
        <source>The import was not undone: {0}</source>
        <translation>No se deshizo la importación: {0}</translation>
    </message>
</context>
<context>
    <name>LongTableDialog</name>
    <message>
        <source>type %1–%2</source>
        <translation>escriba %1–%2</translation>
    </message>
    <message>
        <source>Role family</source>
        <translation>Familia de roles</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Role level</source>
        <translation>Nivel del rol</translation>
    </message>
    <message>
        <source>Role title</source>
        <translation>Título del rol</translation>
    </message>
    <message>
        <source>Role description</source>
        <translation>Descripción del rol</translation>
    </message>
    <message>
        <source>Competency</source>
        <translation>Competencia</translation>
    </message>
    <message>
        <source>Competency code</source>
        <translation>Código de competencia</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Competency description</source>
        <translation>Descripción de la competencia</translation>
    </message>
    <message>
        <source>Competency level</source>
        <translation>Nivel de competencia</translation>
    </message>
    <message>
        <source>Level description</source>
        <translation>Descripción del nivel</translation>
    </message>
    <message>
        <source>Status (in use)</source>
        <translation>Estatus (en uso)</translation>
    </message>
    <message>
        <source>Hard to transfer</source>
        <translation>Difícil de transferir</translation>
    </message>
    <message>
        <source>Import a framework from a long table</source>
        <translation>Importar un marco desde una tabla en formato largo</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Archivo: %1</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>&amp;Hoja:</translation>
    </message>
    <message>
        <source>&amp;Header row:</source>
        <translation>&amp;Fila de encabezados:</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <source>Recognised headers: %1</source>
        <translation>Encabezados reconocidos: %1</translation>
    </message>
    <message>
        <source>(not used)</source>
        <translation>(no se usa)</translation>
    </message>
    <message>
        <source>* required</source>
        <translation>* obligatorio</translation>
    </message>
    <message>
        <source>Framework</source>
        <translation>Marco</translation>
    </message>
    <message>
        <source>Co&amp;de:</source>
        <translation>&amp;Código:</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Versión:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>Level words</source>
        <translation>Palabras de nivel</translation>
    </message>
    <message>
        <source>Word in the table</source>
        <translation>Palabra en la tabla</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Scale: %1</source>
        <translation>Escala: %1</translation>
    </message>
    <message>
        <source>&amp;Add word</source>
        <translation>&amp;Agregar palabra</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Revisar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importar</translation>
    </message>
    <message>
        <source>Checking the table…</source>
        <translation>Revisando la tabla…</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Fila %1: %2</translation>
    </message>
    <message>
        <source>The code needs letters or digits; it may also use “-”, “_” and “.” (at most 64, no spaces).</source>
        <translation>El código debe tener letras o dígitos; también puede usar «-», «_» y «.» (máximo 64, sin espacios).</translation>
    </message>
    <message>
        <source>The version is required.</source>
        <translation>La versión es obligatoria.</translation>
    </message>
    <message>
        <source>Framework %1 version %2 is already in the database: give a new version.</source>
        <translation>El marco %1 versión %2 ya está en la base de datos: asigne una versión nueva.</translation>
    </message>
    <message>
        <source>Importing the framework…</source>
        <translation>Importando el marco…</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>Error inesperado: %1</translation>
    </message>
    <message>
        <source>… and %1 more not shown</source>
        <translation>… y %1 más que no se muestran</translation>
    </message>
    <message>
        <source>Role families</source>
        <translation>Familias de roles</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>Role profiles</source>
        <translation>Perfiles de rol</translation>
    </message>
    <message>
        <source>Competencies</source>
        <translation>Competencias</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>Requisitos</translation>
    </message>
    <message>
        <source>Rows skipped</source>
        <translation>Filas omitidas</translation>
    </message>
    <message>
        <source>The settings changed after the check: press Check again.</source>
        <translation>La configuración cambió después de la revisión: vuelva a hacer clic en Revisar.</translation>
    </message>
    <message>
        <source>The check was cancelled. Press Check to check the table.</source>
        <translation>Se canceló la revisión. Haga clic en Revisar para revisar la tabla.</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>No se puede leer el archivo.</translation>
    </message>
    <message>
        <source>Errors: %1. The table cannot be imported yet.</source>
        <translation>Errores: %1. Todavía no se puede importar la tabla.</translation>
    </message>
    <message>
        <source>Sheet “%1”, header in row %2</source>
        <translation>Hoja «%1», encabezados en la fila %2</translation>
    </message>
    <message>
        <source>Header in row %1</source>
        <translation>Encabezados en la fila %1</translation>
    </message>
    <message>
        <source>Not imported: see the problem below.</source>
        <translation>No se importó: vea el problema más abajo.</translation>
    </message>
    <message>
        <source>Ready to import.</source>
        <translation>Listo para importar.</translation>
    </message>
    <message>
        <source>Ready to import; read the warnings below first (%1).</source>
        <translation>Listo para importar; antes lea las advertencias de abajo (%1).</translation>
    </message>
    <message>
        <source>Not checked yet.</source>
        <translation>Aún no se ha revisado.</translation>
    </message>
    <message>
        <source>The column “%1” is chosen for %2: choose one column per field.</source>
        <translation>La columna «%1» está elegida para %2: elija una columna por campo.</translation>
    </message>
    <message>
        <source>Type a level number for each new word under Level words, then press Check.</source>
        <translation>Escriba un número de nivel para cada palabra nueva en Palabras de nivel y luego haga clic en Revisar.</translation>
    </message>
    <message>
        <source>Choose the header row and the columns, then press Check.</source>
        <translation>Elija la fila de encabezados y las columnas, y luego haga clic en Revisar.</translation>
    </message>
    <message>
        <source>Correct the file or the settings, then press Check.</source>
        <translation>Corrija el archivo o la configuración y luego haga clic en Revisar.</translation>
    </message>
    <message>
        <source>Wait for the check to finish.</source>
        <translation>Espere a que termine la revisión.</translation>
    </message>
    <message>
        <source>The table must pass a check first.</source>
        <translation>Primero la tabla debe pasar la revisión.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>SkillMap — skills gaps and workforce planning</source>
        <translation>SkillMap — brechas de competencias y planeación de la fuerza laboral</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Frameworks</source>
        <translation>Marcos de competencias</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Open database file…</source>
        <translation>&amp;Abrir archivo de base de datos…</translation>
    </message>
    <message>
        <source>Connect to a &amp;shared server…</source>
        <translation>&amp;Conectar a un servidor compartido…</translation>
    </message>
    <message>
        <source>Load &amp;sample organisation</source>
        <translation>Cargar organización de &amp;muestra</translation>
    </message>
    <message>
        <source>&amp;Import framework…</source>
        <translation>&amp;Importar marco…</translation>
    </message>
    <message>
        <source>&amp;Export framework…</source>
        <translation>&amp;Exportar marco…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About SkillMap</source>
        <translation>&amp;Acerca de SkillMap</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Abriendo la base de datos…</translation>
    </message>
    <message>
        <source>No database open</source>
        <translation>No hay una base de datos abierta</translation>
    </message>
    <message>
        <source>All frameworks (*.yaml *.yml *.json *.csv *.xlsx *.xlsm);;Framework files (*.yaml *.yml *.json);;Long tables (*.csv *.xlsx *.xlsm)</source>
        <translation>Todos los marcos (*.yaml *.yml *.json *.csv *.xlsx *.xlsm);;Archivos de marco (*.yaml *.yml *.json);;Tablas en formato largo (*.csv *.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation>Base de datos: {0}</translation>
    </message>
    <message>
        <source>Imports</source>
        <translation>Importaciones</translation>
    </message>
    <message>
        <source>Skills gaps</source>
        <translation>Brechas de competencias</translation>
    </message>
    <message>
        <source>Pathways</source>
        <translation>Trayectorias</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Capacitación</translation>
    </message>
    <message>
        <source>Import s&amp;taff…</source>
        <translation>Importar &amp;personal…</translation>
    </message>
    <message>
        <source>Import course &amp;completions…</source>
        <translation>Importar cons&amp;tancias de cursos…</translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation>Exportar &amp;reporte…</translation>
    </message>
    <message>
        <source>In&amp;dividual development report…</source>
        <translation>Reporte in&amp;dividual de desarrollo…</translation>
    </message>
    <message>
        <source>The development report of the person selected on the Staff page</source>
        <translation>El reporte de desarrollo de la persona seleccionada en la página Personal</translation>
    </message>
    <message>
        <source>Gap &amp;measures…</source>
        <translation>&amp;Medidas de la brecha…</translation>
    </message>
    <message>
        <source>{0} staff · {1} agencies · {2} frameworks · data as of {3}</source>
        <translation>{0} personas · {1} dependencias · {2} marcos · datos al {3}</translation>
    </message>
    <message>
        <source>Open or create a database</source>
        <translation>Abrir o crear una base de datos</translation>
    </message>
    <message>
        <source>SkillMap database (*.db *.sqlite);;All files (*)</source>
        <translation>Base de datos de SkillMap (*.db *.sqlite);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Connect to a shared server</source>
        <translation>Conectar a un servidor compartido</translation>
    </message>
    <message>
        <source>PostgreSQL address (postgresql://user@host:5432/skillmap):</source>
        <translation>Dirección de PostgreSQL (postgresql://usuario@servidor:5432/skillmap):</translation>
    </message>
    <message>
        <source>Please wait for the current task to finish.</source>
        <translation>Espere a que termine la tarea en curso.</translation>
    </message>
    <message>
        <source>This database already holds staff. Replace them with the sample organisation?</source>
        <translation>Esta base de datos ya contiene personal. ¿Desea reemplazarlo con la organización de muestra?</translation>
    </message>
    <message>
        <source>Loading the sample organisation…</source>
        <translation>Cargando la organización de muestra…</translation>
    </message>
    <message>
        <source>Open a database first.</source>
        <translation>Primero abra una base de datos.</translation>
    </message>
    <message>
        <source>Refreshing the staff…</source>
        <translation>Actualizando el personal…</translation>
    </message>
    <message>
        <source>Import framework</source>
        <translation>Importar marco</translation>
    </message>
    <message>
        <source>Importing the framework…</source>
        <translation>Importando el marco…</translation>
    </message>
    <message>
        <source>Choose a framework on the Frameworks page first.</source>
        <translation>Primero elija un marco en la página Marcos de competencias.</translation>
    </message>
    <message>
        <source>Export framework</source>
        <translation>Exportar marco</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;Framework file (*.yaml);;JSON (*.json)</source>
        <translation>Libro de Excel (*.xlsx);;Archivo de marco (*.yaml);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Wrote {0}</source>
        <translation>Se guardó {0}</translation>
    </message>
    <message>
        <source>Exporting the framework…</source>
        <translation>Exportando el marco…</translation>
    </message>
    <message>
        <source>About SkillMap</source>
        <translation>Acerca de SkillMap</translation>
    </message>
    <message>
        <source>SkillMap {0}
Skills-gap mapping and workforce planning for the public sector.</source>
        <translation>SkillMap {0}
Mapeo de brechas de competencias y planeación de la fuerza laboral para el sector público.</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Employee no.</source>
        <translation>No. de empleado</translation>
    </message>
    <message>
        <source>CURP</source>
        <translation>CURP</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation>RFC</translation>
    </message>
    <message>
        <source>Given names</source>
        <translation>Nombre(s)</translation>
    </message>
    <message>
        <source>First surname</source>
        <translation>Apellido paterno</translation>
    </message>
    <message>
        <source>Second surname</source>
        <translation>Apellido materno</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Dependencia</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad administrativa</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Nivel salarial</translation>
    </message>
    <message>
        <source>Hire date</source>
        <translation>Fecha de ingreso</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Manager&apos;s employee no.</source>
        <translation>No. de empleado del jefe inmediato</translation>
    </message>
    <message>
        <source>Role profile</source>
        <translation>Perfil de rol</translation>
    </message>
    <message>
        <source>Competency (one row per level)</source>
        <translation>Competencia (una fila por nivel)</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Assessment date</source>
        <translation>Fecha de evaluación</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>Evaluador</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Evidencia</translation>
    </message>
    <message>
        <source>Sheet and columns</source>
        <translation>Hoja y columnas</translation>
    </message>
    <message>
        <source>Check which column holds what. Columns that are not mapped are not stored.</source>
        <translation>Revise qué contiene cada columna. Las columnas sin asignar no se guardan.</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>&amp;Hoja:</translation>
    </message>
    <message>
        <source>&amp;Header row:</source>
        <translation>&amp;Fila de encabezados:</translation>
    </message>
    <message>
        <source>Save &amp;mapping as…</source>
        <translation>Guardar &amp;mapeo como…</translation>
    </message>
    <message>
        <source>Staff columns</source>
        <translation>Columnas de personal</translation>
    </message>
    <message>
        <source>(not used)</source>
        <translation>(no se usa)</translation>
    </message>
    <message>
        <source>* required: the employee number, and the given names or the full name (a sheet of levels only needs the employee number).</source>
        <translation>* obligatorio: el número de empleado, y el nombre o el nombre completo (una hoja sólo de niveles necesita únicamente el número de empleado).</translation>
    </message>
    <message>
        <source>Competency levels (one column per competency)</source>
        <translation>Niveles de competencia (una columna por competencia)</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Columna en el archivo</translation>
    </message>
    <message>
        <source>Competency</source>
        <translation>Competencia</translation>
    </message>
    <message>
        <source>Every column of this sheet holds a staff field: there are no competency level columns to map.</source>
        <translation>Cada columna de esta hoja contiene un dato del personal: no hay columnas de niveles de competencia por asignar.</translation>
    </message>
    <message>
        <source>Each column holds the person&apos;s level of one competency: choose its competency, or “(not a competency)”. The columns below apply to every level of the row; a sheet with one row per level maps its competency and level columns there.</source>
        <translation>Cada columna contiene el nivel de la persona en una competencia: elija la competencia o «(no es una competencia)». Las columnas de abajo aplican a todos los niveles de la fila; en una hoja con una fila por nivel, asigne ahí sus columnas de competencia y de nivel.</translation>
    </message>
    <message>
        <source>Level words</source>
        <translation>Palabras de nivel</translation>
    </message>
    <message>
        <source>Word in the file</source>
        <translation>Palabra en el archivo</translation>
    </message>
    <message>
        <source>&amp;Add word</source>
        <translation>&amp;Agregar palabra</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Numbers and the usual words (Básico, Intermedio, Avanzado, Experto, Basic, Expert …) are understood; “N/A” and “No evaluado” mean not assessed. Add the other words the file uses.</source>
        <translation>Se entienden los números y las palabras usuales (Básico, Intermedio, Avanzado, Experto, Basic, Expert …); «N/A» y «No evaluado» significan sin evaluar. Agregue las demás palabras que use el archivo.</translation>
    </message>
    <message>
        <source>S&amp;ource of the levels:</source>
        <translation>F&amp;uente de los niveles:</translation>
    </message>
    <message>
        <source>Self-assessment</source>
        <translation>Autoevaluación</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Jefe inmediato</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Examen</translation>
    </message>
    <message>
        <source>Certification</source>
        <translation>Certificación</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Curso</translation>
    </message>
    <message>
        <source>Assessed &amp;on:</source>
        <translation>Fecha de e&amp;valuación:</translation>
    </message>
    <message>
        <source>Unticked: the day of the import, unless the file gives a date.</source>
        <translation>Sin marcar: el día de la importación, salvo que el archivo indique una fecha.</translation>
    </message>
    <message>
        <source>Not stored</source>
        <translation>No se guardan</translation>
    </message>
    <message>
        <source>Read as {0} text, columns separated by “{1}”.</source>
        <translation>Leído como texto {0}, columnas separadas por «{1}».</translation>
    </message>
    <message>
        <source>Started from the saved mapping “{0}”.</source>
        <translation>Se partió del mapeo guardado «{0}».</translation>
    </message>
    <message>
        <source>{0} (proposed)</source>
        <translation>{0} (propuesta)</translation>
    </message>
    <message>
        <source>Row {0}: {1}</source>
        <translation>Fila {0}: {1}</translation>
    </message>
    <message>
        <source>(not a competency)</source>
        <translation>(no es una competencia)</translation>
    </message>
    <message>
        <source>Given names or Full name</source>
        <translation>Nombre(s) o Nombre completo</translation>
    </message>
    <message>
        <source>{0} (hidden)</source>
        <translation>{0} (oculta)</translation>
    </message>
    <message>
        <source>(every column is stored)</source>
        <translation>(se guardan todas las columnas)</translation>
    </message>
    <message>
        <source>The column “{0}” is chosen for {1}: choose one column per field.</source>
        <translation>La columna «{0}» está elegida para {1}: elija una columna por campo.</translation>
    </message>
    <message>
        <source>No header row was found in this sheet: choose the header row, then the columns.</source>
        <translation>No se encontró la fila de encabezados en esta hoja: elija la fila de encabezados y luego las columnas.</translation>
    </message>
    <message>
        <source>Choose a column for: {0}.</source>
        <translation>Elija una columna para: {0}.</translation>
    </message>
    <message>
        <source>The sheet cannot be checked:</source>
        <translation>No se puede revisar la hoja:</translation>
    </message>
    <message>
        <source>Save mapping</source>
        <translation>Guardar mapeo</translation>
    </message>
    <message>
        <source>Name of the mapping (to use it again with the next file):</source>
        <translation>Nombre del mapeo (para volver a usarlo con el siguiente archivo):</translation>
    </message>
    <message>
        <source>Mapping saved as “{0}”.</source>
        <translation>Mapeo guardado como «{0}».</translation>
    </message>
</context>
<context>
    <name>MeasuresDialog</name>
    <message>
        <source>Gap measures</source>
        <translation>Medidas de la brecha</translation>
    </message>
    <message>
        <source>How SkillMap measures the skills gap. Readiness and the gaps count only the assessed requirements; coverage says how much of the requirement has been assessed.</source>
        <translation>Cómo mide SkillMap la brecha de competencias. La preparación y las brechas cuentan solo los requisitos evaluados; la cobertura dice qué parte de lo requerido se ha evaluado.</translation>
    </message>
</context>
<context>
    <name>MovesView</name>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Filter by role</source>
        <translation>Filtrar por puesto</translation>
    </message>
    <message>
        <source>Every viable move at the threshold set, cheapest first. Double-click a move to make its destination the target.</source>
        <translation>Todos los movimientos viables con el umbral fijado, del más corto al más largo. Haga doble clic en un movimiento para volver su destino el puesto objetivo.</translation>
    </message>
</context>
<context>
    <name>PathwaysHelpDialog</name>
    <message>
        <source>Role transitions: definitions</source>
        <translation>Transiciones entre puestos: definiciones</translation>
    </message>
    <message>
        <source>How SkillMap finds the moves between role profiles, a person&apos;s cheapest route to a target role and the hours it takes. The values in use are filled in.</source>
        <translation>Cómo encuentra SkillMap los movimientos entre perfiles de puesto, la ruta más corta de una persona hacia un puesto objetivo y las horas que toma. Se muestran los valores en uso.</translation>
    </message>
</context>
<context>
    <name>PathwaysPage</name>
    <message>
        <source>Saved the chart to {0}</source>
        <translation>Gráfica guardada en {0}</translation>
    </message>
    <message>
        <source>Target role:</source>
        <translation>Puesto objetivo:</translation>
    </message>
    <message>
        <source>Type to search the role profiles</source>
        <translation>Escriba para buscar entre los perfiles de puesto</translation>
    </message>
    <message>
        <source>The role to reach: type part of its title or family to search</source>
        <translation>El puesto al que se quiere llegar: escriba parte de su nombre o de su familia para buscarlo</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>Persona:</translation>
    </message>
    <message>
        <source>Employee no. or name</source>
        <translation>Núm. de empleado o nombre</translation>
    </message>
    <message>
        <source>No person: show only the roles</source>
        <translation>Sin persona: mostrar solo los puestos</translation>
    </message>
    <message>
        <source>Help ?</source>
        <translation>Ayuda ?</translation>
    </message>
    <message>
        <source>How the moves, routes and hours are defined</source>
        <translation>Cómo se definen los movimientos, las rutas y las horas</translation>
    </message>
    <message>
        <source>Viable from readiness:</source>
        <translation>Viable desde una preparación de:</translation>
    </message>
    <message>
        <source>Hours counted when learning in post:</source>
        <translation>Horas contadas al aprender en el puesto:</translation>
    </message>
    <message>
        <source>Hours per level beyond the catalogue:</source>
        <translation>Horas por nivel más allá del catálogo:</translation>
    </message>
    <message>
        <source>Hard-to-transfer factor:</source>
        <translation>Factor de difícil transferencia:</translation>
    </message>
    <message>
        <source>More assumptions</source>
        <translation>Más supuestos</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>Valores predeterminados</translation>
    </message>
    <message>
        <source>Restore the default assumptions</source>
        <translation>Restablecer los supuestos predeterminados</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Role graph</source>
        <translation>Grafo de puestos</translation>
    </message>
    <message>
        <source>Route and plan</source>
        <translation>Ruta y plan</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>Clasificación</translation>
    </message>
    <message>
        <source>Core competencies</source>
        <translation>Competencias clave</translation>
    </message>
    <message>
        <source>Moves</source>
        <translation>Movimientos</translation>
    </message>
    <message>
        <source>Loading the role transitions…</source>
        <translation>Cargando las transiciones entre puestos…</translation>
    </message>
    <message>
        <source>Loading cancelled.</source>
        <translation>Carga cancelada.</translation>
    </message>
    <message>
        <source>No database open</source>
        <translation>No hay una base de datos abierta</translation>
    </message>
    <message>
        <source>{0} role profiles · {1} viable moves</source>
        <translation>{0} perfiles de puesto · {1} movimientos viables</translation>
    </message>
    <message>
        <source>No person chosen</source>
        <translation>No se ha elegido a una persona</translation>
    </message>
    <message>
        <source>This person is not in the data (inactive, or removed).</source>
        <translation>Esta persona no está en los datos (inactiva o eliminada).</translation>
    </message>
    <message>
        <source>no role profile</source>
        <translation>sin perfil de puesto</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; · {1} · now: {2}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; · {1} · ahora: {2}</translation>
    </message>
    <message>
        <source>Nobody active matches “{0}”</source>
        <translation>Ninguna persona activa coincide con «{0}»</translation>
    </message>
    <message>
        <source>a direct move, learning in post</source>
        <translation>un cambio directo, aprendiendo en el puesto</translation>
    </message>
    <message>
        <source>{0} moves through {1}, learning in post after each</source>
        <translation>{0} cambios pasando por {1}, aprendiendo en el puesto después de cada uno</translation>
    </message>
    <message>
        <source>reskilling in place, then moving</source>
        <translation>reconversión en el puesto actual y después el cambio</translation>
    </message>
    <message>
        <source>{0} h by {1}. Reskilling in place: {2} h. Readiness for the target now: {3}.</source>
        <translation>{0} h mediante {1}. Reconversión en el puesto actual: {2} h. Preparación actual para el objetivo: {3}.</translation>
    </message>
    <message>
        <source>Calculation cancelled.</source>
        <translation>Cálculo cancelado.</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>Archivo CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Libro de Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>Exportar tabla</translation>
    </message>
    <message>
        <source>Saved the table to {0}</source>
        <translation>Tabla guardada en {0}</translation>
    </message>
</context>
<context>
    <name>PersonView</name>
    <message>
        <source>Employee no.:</source>
        <translation>No. de empleado:</translation>
    </message>
    <message>
        <source>Find a person</source>
        <translation>Buscar a una persona</translation>
    </message>
    <message>
        <source>Compare with the role:</source>
        <translation>Comparar con el rol:</translation>
    </message>
    <message>
        <source>Chart:</source>
        <translation>Gráfica:</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automática</translation>
    </message>
    <message>
        <source>Radar</source>
        <translation>Radar</translation>
    </message>
    <message>
        <source>Bars</source>
        <translation>Barras</translation>
    </message>
    <message>
        <source>No active person with employee number {0}</source>
        <translation>No hay una persona activa con el número de empleado {0}</translation>
    </message>
    <message>
        <source>Loading the gap data…</source>
        <translation>Cargando los datos de la brecha…</translation>
    </message>
    <message>
        <source>Choose a person: Show gaps in the staff browser, double-click a person listed under the heatmap or the team grid, or type an employee number above.</source>
        <translation>Elija a una persona: Ver brechas en la lista de personal, doble clic en una persona listada bajo el mapa de calor o en la cuadrícula del equipo, o escriba arriba un número de empleado.</translation>
    </message>
    <message>
        <source>This person is not in the gap data (inactive, or removed).</source>
        <translation>Esta persona no está en los datos de la brecha (inactiva o eliminada).</translation>
    </message>
    <message>
        <source>(no second role)</source>
        <translation>(sin segundo rol)</translation>
    </message>
    <message>
        <source>{0} — readiness {1}, assessed {2}</source>
        <translation>{0} — preparación {1}, evaluado {2}</translation>
    </message>
    <message>
        <source>{0} (own role)</source>
        <translation>{0} (rol propio)</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>no role profile</source>
        <translation>sin perfil de rol</translation>
    </message>
    <message>
        <source>Employee no. {0}</source>
        <translation>No. de empleado {0}</translation>
    </message>
    <message>
        <source>Role profile: {0}</source>
        <translation>Perfil de rol: {0}</translation>
    </message>
    <message>
        <source>Readiness for {0}: {1} (assessed {2}).</source>
        <translation>Preparación para {0}: {1} (evaluado {2}).</translation>
    </message>
    <message>
        <source>No role profile: choose a role to compare with.</source>
        <translation>Sin perfil de rol: elija un rol para comparar.</translation>
    </message>
    <message>
        <source>Competency</source>
        <translation>Competencia</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Requerido</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>Brecha</translation>
    </message>
    <message>
        <source>Second role</source>
        <translation>Segundo rol</translation>
    </message>
    <message>
        <source>Not assessed: unknown, not zero</source>
        <translation>Sin evaluar: nivel desconocido, no cero</translation>
    </message>
    <message>
        <source>No descriptor for this level</source>
        <translation>Sin descriptor para este nivel</translation>
    </message>
    <message>
        <source>Now, level {0} ({1}):</source>
        <translation>Ahora, nivel {0} ({1}):</translation>
    </message>
    <message>
        <source>Required for {0}, level {1} ({2}):</source>
        <translation>Requerido para {0}, nivel {1} ({2}):</translation>
    </message>
    <message>
        <source>What the levels mean: gaps for {0}</source>
        <translation>Qué significan los niveles: brechas para {0}</translation>
    </message>
    <message>
        <source>Gaps for {0}</source>
        <translation>Brechas para {0}</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>No. de empleado</translation>
    </message>
    <message>
        <source>Given names</source>
        <translation>Nombre(s)</translation>
    </message>
    <message>
        <source>First surname</source>
        <translation>Apellido paterno</translation>
    </message>
    <message>
        <source>Second surname</source>
        <translation>Apellido materno</translation>
    </message>
    <message>
        <source>CURP</source>
        <translation>CURP</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation>RFC</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Dependencia</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad administrativa</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Nivel salarial</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Hire date</source>
        <translation>Fecha de ingreso</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Jefe inmediato</translation>
    </message>
    <message>
        <source>Role profile</source>
        <translation>Perfil de rol</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>Niveles</translation>
    </message>
    <message>
        <source>This row has errors: it is not imported.</source>
        <translation>Esta fila tiene errores: no se importa.</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>The first people as they will be stored. Cells with an error are red, with a warning amber: point at a cell to read why.</source>
        <translation>Las primeras personas tal como se guardarán. Las celdas con error están en rojo y las que tienen una advertencia, en ámbar: pase el puntero sobre una celda para leer el motivo.</translation>
    </message>
    <message>
        <source>Problems (click one to see its row):</source>
        <translation>Problemas (haga clic en uno para ver su fila):</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>&amp;Export problems…</source>
        <translation>&amp;Exportar problemas…</translation>
    </message>
    <message>
        <source>People to store: &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>Personas por guardar: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>shown: {0}</source>
        <translation>se muestran: {0}</translation>
    </message>
    <message>
        <source>Levels read: &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>Niveles leídos: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Rows with errors: &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>Filas con errores: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Warnings: {0}</source>
        <translation>Advertencias: {0}</translation>
    </message>
    <message>
        <source>Rows skipped (blank, totals, notes): {0}</source>
        <translation>Filas omitidas (en blanco, totales, notas): {0}</translation>
    </message>
    <message>
        <source>Sheet “{0}”, header in row {1}</source>
        <translation>Hoja «{0}», encabezados en la fila {1}</translation>
    </message>
    <message>
        <source>&amp;Skip the {0} rows with errors and import the others</source>
        <translation>&amp;Omitir las {0} filas con errores e importar las demás</translation>
    </message>
    <message>
        <source>The sheet cannot be imported as mapped: go back and fix the mapping.</source>
        <translation>La hoja no se puede importar con esta asignación de columnas: regrese y corrija el mapeo.</translation>
    </message>
    <message>
        <source>There is nothing to import: go back and check the sheet and the columns.</source>
        <translation>No hay nada que importar: regrese y revise la hoja y las columnas.</translation>
    </message>
    <message>
        <source>Fix the file and read it again, go back and fix the mapping, or tick “Skip” to import the rows without errors.</source>
        <translation>Corrija el archivo y vuelva a leerlo, regrese y corrija el mapeo, o marque «Omitir» para importar las filas sin errores.</translation>
    </message>
    <message>
        <source>Level words the file uses were added to the level-words table on the previous page: type their levels there.</source>
        <translation>Las palabras de nivel que usa el archivo se agregaron a la tabla de palabras de nivel de la página anterior: escriba ahí sus niveles.</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>… and {0} more: export the problems to read them all</source>
        <translation>… y {0} más: exporte los problemas para leerlos todos</translation>
    </message>
    <message>
        <source>{0}_problems.xlsx</source>
        <translation>{0}_problemas.xlsx</translation>
    </message>
    <message>
        <source>Export problems</source>
        <translation>Exportar problemas</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;JSON (*.json)</source>
        <translation>Libro de Excel (*.xlsx);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Wrote {0}</source>
        <translation>Se guardó {0}</translation>
    </message>
</context>
<context>
    <name>ProgressTab</name>
    <message>
        <source>Employee no.</source>
        <translation>No. de empleado</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Ruta</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estatus</translation>
    </message>
    <message>
        <source>Courses passed</source>
        <translation>Cursos acreditados</translation>
    </message>
    <message>
        <source>% done</source>
        <translation>% avance</translation>
    </message>
    <message>
        <source>Hours passed</source>
        <translation>Horas acreditadas</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Asignada</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fecha límite</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencida</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Concluida</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Dependencia</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Include the sub-units</source>
        <translation>Incluir las subunidades</translation>
    </message>
    <message>
        <source>As of:</source>
        <translation>Al:</translation>
    </message>
    <message>
        <source>Completions after this date are ignored; overdue means due before it</source>
        <translation>Las constancias posteriores a esta fecha no se toman en cuenta; vencida significa con fecha límite anterior a ella</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>Solo vencidas</translation>
    </message>
    <message>
        <source>Find a person by name or employee number…</source>
        <translation>Buscar a una persona por nombre o número de empleado…</translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation>Asignaciones</translation>
    </message>
    <message>
        <source>&amp;Refresh statuses from completions</source>
        <translation>Actuali&amp;zar estados con las constancias</translation>
    </message>
    <message>
        <source>Store the statuses derived from the course completions in the assignments shown</source>
        <translation>Guardar en las asignaciones mostradas los estados que resultan de las constancias de los cursos</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>E&amp;xportar CSV…</translation>
    </message>
    <message>
        <source>All tracks</source>
        <translation>Todas las rutas</translation>
    </message>
    <message>
        <source>All agencies</source>
        <translation>Todas las dependencias</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>Todas las unidades</translation>
    </message>
    <message>
        <source>{0} of {1} assignments shown; progress as of {2}.</source>
        <translation>Se muestran {0} de {1} asignaciones; avance al {2}.</translation>
    </message>
    <message>
        <source>{0} stored statuses are out of date: Refresh statuses stores them.</source>
        <translation>{0} estados guardados están desactualizados: Actualizar estados los guarda.</translation>
    </message>
    <message>
        <source>Checked {0} assignments; {1} statuses updated.</source>
        <translation>Se revisaron {0} asignaciones; se actualizaron {1} estados.</translation>
    </message>
    <message>
        <source>Refreshing the statuses…</source>
        <translation>Actualizando los estados…</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Exportar el avance</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Wrote {0} rows to {1}</source>
        <translation>Se escribieron {0} filas en {1}</translation>
    </message>
    <message>
        <source>Exporting the progress…</source>
        <translation>Exportando el avance…</translation>
    </message>
</context>
<context>
    <name>RankingView</name>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Save the ranking shown (after the filters) as CSV or Excel</source>
        <translation>Guardar la clasificación que se muestra (con los filtros aplicados) como CSV o Excel</translation>
    </message>
    <message>
        <source>Filter by employee number or name</source>
        <translation>Filtrar por número de empleado o nombre</translation>
    </message>
    <message>
        <source>Only “hire rather than reskill”</source>
        <translation>Solo «mejor contratar que reconvertir»</translation>
    </message>
    <message>
        <source>Double-click a person to see their route and course plan. Click a column heading to sort.</source>
        <translation>Haga doble clic en una persona para ver su ruta y su plan de cursos. Haga clic en el encabezado de una columna para ordenar.</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Dependencia</translation>
    </message>
    <message>
        <source>All agencies</source>
        <translation>Todas las dependencias</translation>
    </message>
    <message>
        <source>Ranking everyone for {0}…</source>
        <translation>Clasificando a todas las personas para {0}…</translation>
    </message>
    <message>
        <source>Choose a target role above to rank everyone by the effort to reach it.</source>
        <translation>Elija arriba un puesto objetivo para clasificar a todas las personas por el esfuerzo para llegar a él.</translation>
    </message>
    <message>
        <source>{0} of {1} people</source>
        <translation>{0} de {1} personas</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Export report</source>
        <translation>Exportar reporte</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Reporte</translation>
    </message>
    <message>
        <source>Skills gap report</source>
        <translation>Reporte de brechas de competencias</translation>
    </message>
    <message>
        <source>A unit, an agency or the whole organisation: summary, heatmap, people × competencies, definitions.</source>
        <translation>Una unidad, una dependencia o toda la organización: resumen, mapa de calor, personas × competencias, definiciones.</translation>
    </message>
    <message>
        <source>Individual development report</source>
        <translation>Reporte individual de desarrollo</translation>
    </message>
    <message>
        <source>One person: their gaps with the level descriptors, assigned tracks and course plan.</source>
        <translation>Una persona: sus brechas con los descriptores de nivel, las rutas asignadas y el plan de cursos.</translation>
    </message>
    <message>
        <source>Training status report</source>
        <translation>Reporte de avance de capacitación</translation>
    </message>
    <message>
        <source>For trainers: track assignments and their progress, certifications due.</source>
        <translation>Para capacitación: asignaciones de rutas y su avance, certificaciones por renovar.</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>Agency:</source>
        <translation>Dependencia:</translation>
    </message>
    <message>
        <source>All agencies (the whole organisation)</source>
        <translation>Todas las dependencias (toda la organización)</translation>
    </message>
    <message>
        <source>Search by employee number or name…</source>
        <translation>Buscar por número de empleado o nombre…</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>Núm. de empleado</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opciones</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Formato:</translation>
    </message>
    <message>
        <source>Pseudonymise names and identifiers</source>
        <translation>Seudonimizar nombres e identificadores</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>Cancelar exportación</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Mostrar en la carpeta</translation>
    </message>
    <message>
        <source>Reading the organisation…</source>
        <translation>Leyendo la organización…</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Libro de Excel (.xlsx)</translation>
    </message>
    <message>
        <source>PDF document (.pdf)</source>
        <translation>Documento PDF (.pdf)</translation>
    </message>
    <message>
        <source>CSV table (.csv)</source>
        <translation>Tabla CSV (.csv)</translation>
    </message>
    <message>
        <source>Choose an agency to report on one of its units.</source>
        <translation>Elija una dependencia para reportar sobre una de sus unidades.</translation>
    </message>
    <message>
        <source>The whole agency</source>
        <translation>Toda la dependencia</translation>
    </message>
    <message>
        <source>Nobody works in this unit or below it.</source>
        <translation>Nadie trabaja en esta unidad ni debajo de ella.</translation>
    </message>
    <message>
        <source>{0} (employee no. {1}){2}</source>
        <translation>{0} (núm. de empleado {1}){2}</translation>
    </message>
    <message>
        <source>{0} and the units below it ({1})</source>
        <translation>{0} y las unidades debajo de ella ({1})</translation>
    </message>
    <message>
        <source>The whole agency: {0}</source>
        <translation>Toda la dependencia: {0}</translation>
    </message>
    <message>
        <source>Every agency (the whole organisation)</source>
        <translation>Todas las dependencias (toda la organización)</translation>
    </message>
    <message>
        <source>all-agencies</source>
        <translation>todas-las-dependencias</translation>
    </message>
    <message>
        <source>Reading the staff list…</source>
        <translation>Leyendo la lista de personal…</translation>
    </message>
    <message>
        <source>Type an employee number or part of a name.</source>
        <translation>Escriba un número de empleado o parte de un nombre.</translation>
    </message>
    <message>
        <source>Nobody matches.</source>
        <translation>Nadie coincide.</translation>
    </message>
    <message>
        <source>Showing the first {0} of {1} matches: type more to narrow them.</source>
        <translation>Se muestran las primeras {0} de {1} coincidencias: escriba más para acotarlas.</translation>
    </message>
    <message>
        <source>{0} matches</source>
        <translation>{0} coincidencias</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 coincidencia</translation>
    </message>
    <message>
        <source>An individual development report is about one person and shows their name.</source>
        <translation>Un reporte individual de desarrollo trata de una persona y muestra su nombre.</translation>
    </message>
    <message>
        <source>Checking whether you may export the full version…</source>
        <translation>Verificando si puede exportar la versión completa…</translation>
    </message>
    <message>
        <source>Only administrators and HR planners may export the full version with names; reports about more than one person are pseudonymised.</source>
        <translation>Solo administración y planeación de RH pueden exportar la versión completa con nombres; los reportes sobre más de una persona se seudonimizan.</translation>
    </message>
    <message>
        <source>Clear to export names and employee numbers (you are allowed to).</source>
        <translation>Desmarque para exportar nombres y números de empleado (tiene permiso para hacerlo).</translation>
    </message>
    <message>
        <source>An individual development report is about one person and shows their name, employee number, position and unit: give it to that person or their manager only.</source>
        <translation>Un reporte individual de desarrollo trata de una persona y muestra su nombre, número de empleado, puesto y unidad: entréguelo solo a esa persona o a su jefe inmediato.</translation>
    </message>
    <message>
        <source>People are named by a pseudonym (such as P-7KQ2-M9XD) that only this database can link to them; the report holds no names, CURP, RFC or e-mail.</source>
        <translation>Las personas se identifican con un seudónimo (como P-7KQ2-M9XD) que solo esta base de datos puede vincular con ellas; el reporte no contiene nombres, CURP, RFC ni correo electrónico.</translation>
    </message>
    <message>
        <source>The full version with names is only for administrators and HR planners.</source>
        <translation>La versión completa con nombres es solo para administración y planeación de RH.</translation>
    </message>
    <message>
        <source>The full version holds names and employee numbers: it is personal data. Do not forward it.</source>
        <translation>La versión completa contiene nombres y números de empleado: son datos personales. No la reenvíe.</translation>
    </message>
    <message>
        <source>gap-report</source>
        <translation>reporte-brechas</translation>
    </message>
    <message>
        <source>development-report</source>
        <translation>reporte-desarrollo</translation>
    </message>
    <message>
        <source>training-report</source>
        <translation>reporte-capacitacion</translation>
    </message>
    <message>
        <source>Report on: {0}</source>
        <translation>Reporte sobre: {0}</translation>
    </message>
    <message>
        <source>The interface&apos;s language is proposed; choose the person&apos;s own language if it differs.</source>
        <translation>Se propone el idioma de la interfaz; elija el idioma de la persona si es otro.</translation>
    </message>
    <message>
        <source>Sheets for reading, filtering and printing; no formulas.</source>
        <translation>Hojas para leer, filtrar e imprimir; sin fórmulas.</translation>
    </message>
    <message>
        <source>Pages to print or send, with charts and page numbers.</source>
        <translation>Páginas para imprimir o enviar, con gráficas y números de página.</translation>
    </message>
    <message>
        <source>Only the people × competencies table (UTF-8; «;» between cells in Spanish).</source>
        <translation>Solo la tabla de personas × competencias (UTF-8; «;» entre celdas en español).</translation>
    </message>
    <message>
        <source>Only the table of the person&apos;s competencies (UTF-8; «;» between cells in Spanish).</source>
        <translation>Solo la tabla de competencias de la persona (UTF-8; «;» entre celdas en español).</translation>
    </message>
    <message>
        <source>Only the table of assignments (UTF-8; «;» between cells in Spanish).</source>
        <translation>Solo la tabla de asignaciones (UTF-8; «;» entre celdas en español).</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Libro de Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>Tabla CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting {0}…</source>
        <translation>Exportando {0}…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>Se exportó {0}</translation>
    </message>
    <message>
        <source>The report could not be exported:</source>
        <translation>No fue posible exportar el reporte:</translation>
    </message>
    <message>
        <source>The organisation could not be read:</source>
        <translation>No fue posible leer la organización:</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>Exportación cancelada: no se escribió ningún archivo.</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>The staff page shows the people imported; the Imports page can undo the import.</source>
        <translation>La página Personal muestra a las personas importadas; en la página Importaciones se puede deshacer la importación.</translation>
    </message>
    <message>
        <source>Imported {0} people, {1} levels — import no. {2}</source>
        <translation>Se importaron {0} personas y {1} niveles — importación no. {2}</translation>
    </message>
    <message>
        <source>New people: {0} · updated: {1} · rows skipped because of errors: {2}</source>
        <translation>Personas nuevas: {0} · actualizadas: {1} · filas omitidas por errores: {2}</translation>
    </message>
</context>
<context>
    <name>RouteView</name>
    <message>
        <source>Export route…</source>
        <translation>Exportar ruta…</translation>
    </message>
    <message>
        <source>Export plan…</source>
        <translation>Exportar plan…</translation>
    </message>
    <message>
        <source>Hours a week:</source>
        <translation>Horas por semana:</translation>
    </message>
    <message>
        <source>Starting on:</source>
        <translation>A partir del:</translation>
    </message>
    <message>
        <source>Hours of training the person can take each week; the dates follow from it</source>
        <translation>Horas de capacitación que la persona puede tomar cada semana; de ellas resultan las fechas</translation>
    </message>
    <message>
        <source>The plan closes every gap for the target role itself with the fewest course hours, prerequisites first; courses already passed count.</source>
        <translation>El plan cierra todas las brechas para el propio puesto objetivo con el menor número de horas de curso, primero los prerrequisitos; cuentan los cursos ya aprobados.</translation>
    </message>
    <message>
        <source>Choose a person: type an employee number or a name above, double-click a person in the ranking, or open one from the staff browser.</source>
        <translation>Elija a una persona: escriba arriba un número de empleado o un nombre, haga doble clic en una persona de la clasificación o ábrala desde el explorador de personal.</translation>
    </message>
    <message>
        <source>Choose a target role above, or click a role in the graph.</source>
        <translation>Elija arriba un puesto objetivo o haga clic en un puesto del grafo.</translation>
    </message>
    <message>
        <source>⚠ Hire rather than reskill: this route has to build {0}, marked hard to transfer (◆). Hiring someone who has it may be better.</source>
        <translation>⚠ Mejor contratar que reconvertir: esta ruta debe desarrollar {0}, marcada como difícil de transferir (◆). Puede convenir contratar a alguien que ya la tenga.</translation>
    </message>
    <message>
        <source>Course plan</source>
        <translation>Plan de cursos</translation>
    </message>
    <message>
        <source>No gap to close: {0} already meets every requirement of {1}.</source>
        <translation>No hay brechas que cerrar: {0} ya cumple todos los requisitos de {1}.</translation>
    </message>
    <message>
        <source>{0} courses, {1} hours; finishes on {2} at {3} hours a week.</source>
        <translation>{0} cursos, {1} horas; termina el {2} a {3} horas por semana.</translation>
    </message>
    <message>
        <source>No course in the catalogue closes: {0}</source>
        <translation>Ningún curso del catálogo cierra: {0}</translation>
    </message>
</context>
<context>
    <name>StaffBrowser</name>
    <message>
        <source>Search by name, employee no., CURP, position or unit…</source>
        <translation>Buscar por nombre, no. de empleado, CURP, puesto o unidad…</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Dependencia</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Role profile</source>
        <translation>Perfil de rol</translation>
    </message>
    <message>
        <source>This database has no staff yet. Load the sample organisation to explore SkillMap.</source>
        <translation>Esta base de datos aún no tiene personal. Cargue la organización de muestra para explorar SkillMap.</translation>
    </message>
    <message>
        <source>Show gaps</source>
        <translation>Ver brechas</translation>
    </message>
    <message>
        <source>The selected person&apos;s gaps against their role and another role</source>
        <translation>Las brechas de la persona seleccionada frente a su rol y a otro rol</translation>
    </message>
    <message>
        <source>People: {0}</source>
        <translation>Personas: {0}</translation>
    </message>
    <message>
        <source>Showing {0} of {1}</source>
        <translation>Mostrando {0} de {1}</translation>
    </message>
    <message>
        <source>Load sample organisation</source>
        <translation>Cargar organización de muestra</translation>
    </message>
    <message>
        <source>All agencies</source>
        <translation>Todas las dependencias</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>Todas las unidades</translation>
    </message>
    <message>
        <source>All role profiles</source>
        <translation>Todos los perfiles de rol</translation>
    </message>
</context>
<context>
    <name>StaffDetailPanel</name>
    <message>
        <source>Employee no.</source>
        <translation>No. de empleado</translation>
    </message>
    <message>
        <source>CURP</source>
        <translation>CURP</translation>
    </message>
    <message>
        <source>RFC</source>
        <translation>RFC</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Dependencia</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad administrativa</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>Role profile</source>
        <translation>Perfil de rol</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Nivel salarial</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Jefe inmediato</translation>
    </message>
    <message>
        <source>Hired</source>
        <translation>Fecha de ingreso</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Current and required levels</source>
        <translation>Nivel actual y requerido</translation>
    </message>
    <message>
        <source>Competency</source>
        <translation>Competencia</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Requerido</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>Brecha</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Select a person to see their record.</source>
        <translation>Seleccione una persona para ver su expediente.</translation>
    </message>
    <message>
        <source>Hard to transfer: better hired than reskilled</source>
        <translation>Difícil de transferir: conviene más contratar que capacitar</translation>
    </message>
    <message>
        <source>Not assessed: unknown, not zero</source>
        <translation>Sin evaluar: nivel desconocido, no cero</translation>
    </message>
</context>
<context>
    <name>StaffTableModel</name>
    <message>
        <source>Employee no.</source>
        <translation>No. de empleado</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>CURP</source>
        <translation>CURP</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Dependencia</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>Role profile</source>
        <translation>Perfil de rol</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Nivel salarial</translation>
    </message>
</context>
<context>
    <name>TableExporter</name>
    <message>
        <source>Tree level</source>
        <translation>Nivel en el árbol</translation>
    </message>
    <message>
        <source>Export table as CSV…</source>
        <translation>Exportar tabla como CSV…</translation>
    </message>
    <message>
        <source>Please wait for the current export to finish.</source>
        <translation>Espere a que termine la exportación en curso.</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>TeamView</name>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <source>Include the units below</source>
        <translation>Incluir las unidades dependientes</translation>
    </message>
    <message>
        <source>Loading the gap data…</source>
        <translation>Cargando los datos de la brecha…</translation>
    </message>
    <message>
        <source>Choose a unit on the left to see its people&apos;s gaps.</source>
        <translation>Elija una unidad a la izquierda para ver las brechas de su personal.</translation>
    </message>
    <message>
        <source>Gaps in {0} by person and competency</source>
        <translation>Brechas en {0} por persona y competencia</translation>
    </message>
    <message>
        <source>Widest gaps in {0}</source>
        <translation>Mayores brechas en {0}</translation>
    </message>
    <message>
        <source>{0} people. Double-click a row to see a person&apos;s gaps.</source>
        <translation>{0} personas. Haga doble clic en una fila para ver las brechas de una persona.</translation>
    </message>
    <message>
        <source>Not required for their role</source>
        <translation>No requerida para su puesto</translation>
    </message>
    <message>
        <source>Required level {0}; current level unknown</source>
        <translation>Nivel requerido {0}; nivel actual desconocido</translation>
    </message>
    <message>
        <source>Current {0}, required {1}, gap {2}</source>
        <translation>Actual {0}, requerido {1}, brecha {2}</translation>
    </message>
</context>
<context>
    <name>TrackDialog</name>
    <message>
        <source>Prerequisites: {0}</source>
        <translation>Prerrequisitos: {0}</translation>
    </message>
    <message>
        <source>New track</source>
        <translation>Nueva ruta</translation>
    </message>
    <message>
        <source>Edit track {0}</source>
        <translation>Editar la ruta {0}</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>Nombre (inglés)</translation>
    </message>
    <message>
        <source>Name (Spanish)</source>
        <translation>Nombre (español)</translation>
    </message>
    <message>
        <source>Description (English)</source>
        <translation>Descripción (inglés)</translation>
    </message>
    <message>
        <source>Description (Spanish)</source>
        <translation>Descripción (español)</translation>
    </message>
    <message>
        <source>Prepares for the role</source>
        <translation>Prepara para el puesto</translation>
    </message>
    <message>
        <source>(no particular role)</source>
        <translation>(ningún puesto en particular)</translation>
    </message>
    <message>
        <source>Active courses of the catalogue</source>
        <translation>Cursos activos del catálogo</translation>
    </message>
    <message>
        <source>Filter by code or title…</source>
        <translation>Filtrar por clave o título…</translation>
    </message>
    <message>
        <source>Add to the track →</source>
        <translation>Agregar a la ruta →</translation>
    </message>
    <message>
        <source>Courses of the track, in the order they are taken</source>
        <translation>Cursos de la ruta, en el orden en que se toman</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Order check</source>
        <translation>Revisión del orden</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>No courses yet.</source>
        <translation>Aún no hay cursos.</translation>
    </message>
    <message>
        <source>✔ Every course comes after its prerequisites.</source>
        <translation>✔ Cada curso va después de sus prerrequisitos.</translation>
    </message>
    <message>
        <source>{0} courses · {1} hours</source>
        <translation>{0} cursos · {1} horas</translation>
    </message>
    <message>
        <source>Fix the order of the courses first.</source>
        <translation>Primero corrija el orden de los cursos.</translation>
    </message>
    <message>
        <source>Saving the track…</source>
        <translation>Guardando la ruta…</translation>
    </message>
</context>
<context>
    <name>TracksTab</name>
    <message>
        <source>Code</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>Cursos</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horas</translation>
    </message>
    <message>
        <source>Prepares for</source>
        <translation>Prepara para</translation>
    </message>
    <message>
        <source>&amp;New track…</source>
        <translation>&amp;Nueva ruta…</translation>
    </message>
    <message>
        <source>&amp;Generate from a role&apos;s typical gap…</source>
        <translation>&amp;Generar a partir de la brecha típica de un puesto…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>E&amp;liminar…</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Núm.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Prerequisites</source>
        <translation>Prerrequisitos</translation>
    </message>
    <message>
        <source>No tracks yet: create one, or generate one from a role&apos;s typical gap.</source>
        <translation>Aún no hay rutas: cree una o genérela a partir de la brecha típica de un puesto.</translation>
    </message>
    <message>
        <source>{0} courses · {1} hours</source>
        <translation>{0} cursos · {1} horas</translation>
    </message>
    <message>
        <source>prepares for “{0}”</source>
        <translation>prepara para «{0}»</translation>
    </message>
    <message>
        <source>created {0}</source>
        <translation>creada el {0}</translation>
    </message>
    <message>
        <source>Track {0} created.</source>
        <translation>Ruta {0} creada.</translation>
    </message>
    <message>
        <source>Track {0} saved.</source>
        <translation>Ruta {0} guardada.</translation>
    </message>
    <message>
        <source>Delete track</source>
        <translation>Eliminar ruta</translation>
    </message>
    <message>
        <source>Delete track {0} “{1}”?</source>
        <translation>¿Eliminar la ruta {0} «{1}»?</translation>
    </message>
    <message>
        <source>Delete the track together with its assignments?</source>
        <translation>¿Eliminar la ruta junto con sus asignaciones?</translation>
    </message>
    <message>
        <source>Track {0} deleted ({1} assignments removed).</source>
        <translation>Ruta {0} eliminada (se eliminaron {1} asignaciones).</translation>
    </message>
    <message>
        <source>Deleting the track…</source>
        <translation>Eliminando la ruta…</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>Training</source>
        <translation>Capacitación</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>Catálogo</translation>
    </message>
    <message>
        <source>Tracks</source>
        <translation>Rutas</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Asignar</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Avance</translation>
    </message>
    <message>
        <source>Certification</source>
        <translation>Certificación</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Loading cancelled: show the tab again to load it.</source>
        <translation>Carga cancelada: vuelva a mostrar la pestaña para cargarla.</translation>
    </message>
    <message>
        <source>Please wait for the current task to finish.</source>
        <translation>Espere a que termine la tarea en curso.</translation>
    </message>
</context>
</TS>
