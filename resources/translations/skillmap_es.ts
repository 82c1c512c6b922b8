<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_MX" sourcelanguage="en">
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
    <name>Task</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
</TS>
