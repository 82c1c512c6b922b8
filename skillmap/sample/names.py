"""Data lists for the sample organisation: Mexican federal agencies, units, names, states, position topics.

Plain data only; :mod:`skillmap.sample.generator` decides how to combine it. Names and agencies are real and
common; every person generated from them is fictitious.
"""

from __future__ import annotations

# -- agencies -------------------------------------------------------------------------------------
# (code, name, short name used as the e-mail domain label, kind). Kinds: "secretaria" (centralised
# ministry or ministry-rank agency), "desconcentrado" (órgano administrativo desconcentrado),
# "descentralizado" (organismo descentralizado). The first eight are large, recognisable secretarías:
# they make the small sample. Order matters: agency sizes decrease, heavy-tailed, down the list.
AGENCIES: tuple[tuple[str, str, str, str], ...] = (
    ("SHCP", "Secretaría de Hacienda y Crédito Público", "hacienda", "secretaria"),
    ("SEP", "Secretaría de Educación Pública", "sep", "secretaria"),
    ("SSA", "Secretaría de Salud", "salud", "secretaria"),
    ("SEMARNAT", "Secretaría de Medio Ambiente y Recursos Naturales", "semarnat", "secretaria"),
    ("SE", "Secretaría de Economía", "economia", "secretaria"),
    ("SADER", "Secretaría de Agricultura y Desarrollo Rural", "agricultura", "secretaria"),
    ("SICT", "Secretaría de Infraestructura, Comunicaciones y Transportes", "sict", "secretaria"),
    ("STPS", "Secretaría del Trabajo y Previsión Social", "stps", "secretaria"),
    ("SEDATU", "Secretaría de Desarrollo Agrario, Territorial y Urbano", "sedatu", "secretaria"),
    ("SENER", "Secretaría de Energía", "energia", "secretaria"),
    ("SECTUR", "Secretaría de Turismo", "sectur", "secretaria"),
    ("SAT", "Servicio de Administración Tributaria", "sat", "desconcentrado"),
    ("CONAGUA", "Comisión Nacional del Agua", "conagua", "desconcentrado"),
    ("IMPI", "Instituto Mexicano de la Propiedad Industrial", "impi", "descentralizado"),
    ("COFEPRIS", "Comisión Federal para la Protección contra Riesgos Sanitarios", "cofepris",
     "desconcentrado"),
    ("SEGOB", "Secretaría de Gobernación", "segob", "secretaria"),
    ("SRE", "Secretaría de Relaciones Exteriores", "sre", "secretaria"),
    ("BIENESTAR", "Secretaría de Bienestar", "bienestar", "secretaria"),
    ("SABG", "Secretaría Anticorrupción y Buen Gobierno", "buengobierno", "secretaria"),
    ("CULTURA", "Secretaría de Cultura", "cultura", "secretaria"),
    ("SECIHTI", "Secretaría de Ciencia, Humanidades, Tecnología e Innovación", "secihti", "secretaria"),
    ("ATDT", "Agencia de Transformación Digital y Telecomunicaciones", "atdt", "secretaria"),
    ("SMUJERES", "Secretaría de las Mujeres", "mujeres", "secretaria"),
    ("SSPC", "Secretaría de Seguridad y Protección Ciudadana", "sspc", "secretaria"),
    ("CJEF", "Consejería Jurídica del Ejecutivo Federal", "cjef", "secretaria"),
    ("IMSS", "Instituto Mexicano del Seguro Social", "imss", "descentralizado"),
    ("ISSSTE", "Instituto de Seguridad y Servicios Sociales de los Trabajadores del Estado", "issste",
     "descentralizado"),
    ("INM", "Instituto Nacional de Migración", "inm", "desconcentrado"),
    ("CNBV", "Comisión Nacional Bancaria y de Valores", "cnbv", "desconcentrado"),
    ("CNSF", "Comisión Nacional de Seguros y Fianzas", "cnsf", "desconcentrado"),
    ("CONSAR", "Comisión Nacional del Sistema de Ahorro para el Retiro", "consar", "desconcentrado"),
    ("PROFECO", "Procuraduría Federal del Consumidor", "profeco", "descentralizado"),
    ("PROFEPA", "Procuraduría Federal de Protección al Ambiente", "profepa", "desconcentrado"),
    ("CONANP", "Comisión Nacional de Áreas Naturales Protegidas", "conanp", "desconcentrado"),
    ("ASEA", "Agencia Nacional de Seguridad Industrial y de Protección al Medio Ambiente del Sector "
     "Hidrocarburos", "asea", "desconcentrado"),
    ("CONAFOR", "Comisión Nacional Forestal", "conafor", "descentralizado"),
    ("SENASICA", "Servicio Nacional de Sanidad, Inocuidad y Calidad Agroalimentaria", "senasica",
     "desconcentrado"),
    ("CONAPESCA", "Comisión Nacional de Acuacultura y Pesca", "conapesca", "desconcentrado"),
    ("SIAP", "Servicio de Información Agroalimentaria y Pesquera", "siap", "desconcentrado"),
    ("INIFAP", "Instituto Nacional de Investigaciones Forestales, Agrícolas y Pecuarias", "inifap",
     "descentralizado"),
    ("INAH", "Instituto Nacional de Antropología e Historia", "inah", "desconcentrado"),
    ("INBAL", "Instituto Nacional de Bellas Artes y Literatura", "inba", "desconcentrado"),
    ("IPN", "Instituto Politécnico Nacional", "ipn", "desconcentrado"),
    ("TECNM", "Tecnológico Nacional de México", "tecnm", "desconcentrado"),
    ("CONAFE", "Consejo Nacional de Fomento Educativo", "conafe", "descentralizado"),
    ("INEA", "Instituto Nacional para la Educación de los Adultos", "inea", "descentralizado"),
    ("CONALEP", "Colegio Nacional de Educación Profesional Técnica", "conalep", "descentralizado"),
    ("INDAUTOR", "Instituto Nacional del Derecho de Autor", "indautor", "desconcentrado"),
    ("CONADE", "Comisión Nacional de Cultura Física y Deporte", "conade", "descentralizado"),
    ("AFAC", "Agencia Federal de Aviación Civil", "afac", "desconcentrado"),
    ("ARTF", "Agencia Reguladora del Transporte Ferroviario", "artf", "desconcentrado"),
    ("IMT", "Instituto Mexicano del Transporte", "imt", "desconcentrado"),
    ("CAPUFE", "Caminos y Puentes Federales de Ingresos y Servicios Conexos", "capufe", "descentralizado"),
    ("ASA", "Aeropuertos y Servicios Auxiliares", "asa", "descentralizado"),
    ("SEPOMEX", "Servicio Postal Mexicano", "correosdemexico", "descentralizado"),
    ("CONAVI", "Comisión Nacional de Vivienda", "conavi", "descentralizado"),
    ("INSUS", "Instituto Nacional del Suelo Sustentable", "insus", "descentralizado"),
    ("RAN", "Registro Agrario Nacional", "ran", "desconcentrado"),
    ("PA", "Procuraduría Agraria", "pa", "descentralizado"),
    ("CENACE", "Centro Nacional de Control de Energía", "cenace", "descentralizado"),
    ("CENAGAS", "Centro Nacional de Control del Gas Natural", "cenagas", "descentralizado"),
    ("CONUEE", "Comisión Nacional para el Uso Eficiente de la Energía", "conuee", "desconcentrado"),
    ("CNSNS", "Comisión Nacional de Seguridad Nuclear y Salvaguardias", "cnsns", "desconcentrado"),
    ("ININ", "Instituto Nacional de Investigaciones Nucleares", "inin", "descentralizado"),
    ("SGM", "Servicio Geológico Mexicano", "sgm", "descentralizado"),
    ("CENAM", "Centro Nacional de Metrología", "cenam", "descentralizado"),
    ("PRODECON", "Procuraduría de la Defensa del Contribuyente", "prodecon", "descentralizado"),
    ("CONDUSEF", "Comisión Nacional para la Protección y Defensa de los Usuarios de Servicios Financieros",
     "condusef", "descentralizado"),
    ("INDEP", "Instituto para Devolver al Pueblo lo Robado", "indep", "descentralizado"),
    ("INDAABIN", "Instituto de Administración y Avalúos de Bienes Nacionales", "indaabin", "desconcentrado"),
    ("ANAM", "Agencia Nacional de Aduanas de México", "anam", "desconcentrado"),
    ("CONAPO", "Consejo Nacional de Población", "conapo", "desconcentrado"),
    ("COMAR", "Comisión Mexicana de Ayuda a Refugiados", "comar", "desconcentrado"),
    ("AGN", "Archivo General de la Nación", "agn", "descentralizado"),
    ("CEAV", "Comisión Ejecutiva de Atención a Víctimas", "ceav", "descentralizado"),
    ("CNB", "Comisión Nacional de Búsqueda de Personas", "cnb", "desconcentrado"),
    ("INAFED", "Instituto Nacional para el Federalismo y el Desarrollo Municipal", "inafed",
     "desconcentrado"),
    ("AMEXCID", "Agencia Mexicana de Cooperación Internacional para el Desarrollo", "amexcid",
     "desconcentrado"),
    ("IME", "Instituto de los Mexicanos en el Exterior", "ime", "desconcentrado"),
    ("INPI", "Instituto Nacional de los Pueblos Indígenas", "inpi", "descentralizado"),
    ("INAPAM", "Instituto Nacional de las Personas Adultas Mayores", "inapam", "descentralizado"),
    ("IMJUVE", "Instituto Mexicano de la Juventud", "imjuventud", "descentralizado"),
    ("CONADIS", "Consejo Nacional para el Desarrollo y la Inclusión de las Personas con Discapacidad",
     "conadis", "descentralizado"),
    ("SNDIF", "Sistema Nacional para el Desarrollo Integral de la Familia", "dif", "descentralizado"),
    ("CONAMED", "Comisión Nacional de Arbitraje Médico", "conamed", "desconcentrado"),
    ("CENSIDA", "Centro Nacional para la Prevención y el Control del VIH y el sida", "censida",
     "desconcentrado"),
    ("INSP", "Instituto Nacional de Salud Pública", "insp", "descentralizado"),
    ("INCAN", "Instituto Nacional de Cancerología", "incan", "descentralizado"),
    ("INER", "Instituto Nacional de Enfermedades Respiratorias Ismael Cosío Villegas", "iner",
     "descentralizado"),
    ("BIRMEX", "Laboratorios de Biológicos y Reactivos de México", "birmex", "descentralizado"),
    ("INFONACOT", "Instituto del Fondo Nacional para el Consumo de los Trabajadores", "fonacot",
     "descentralizado"),
    ("PROFEDET", "Procuraduría Federal de la Defensa del Trabajo", "profedet", "descentralizado"),
    ("CFCRL", "Centro Federal de Conciliación y Registro Laboral", "centrolaboral", "descentralizado"),
    ("CONASAMI", "Comisión Nacional de los Salarios Mínimos", "conasami", "descentralizado"),
    ("INALI", "Instituto Nacional de Lenguas Indígenas", "inali", "descentralizado"),
    ("IMCINE", "Instituto Mexicano de Cinematografía", "imcine", "descentralizado"),
    ("INECC", "Instituto Nacional de Ecología y Cambio Climático", "inecc", "descentralizado"),
    ("IMTA", "Instituto Mexicano de Tecnología del Agua", "imta", "descentralizado"),
    ("FONATUR", "Fondo Nacional de Fomento al Turismo", "fonatur", "descentralizado"),
)

# Name of the top unit (the head's office) by agency kind; per-agency overrides below.
ROOT_UNIT: dict[str, str] = {
    "secretaria": "Oficina del C. Secretario",
    "desconcentrado": "Oficina de la Dirección General",
    "descentralizado": "Oficina de la Dirección General",
}
ROOT_UNIT_OVERRIDES: dict[str, str] = {
    "SAT": "Jefatura del Servicio de Administración Tributaria",
    "CJEF": "Oficina del C. Consejero Jurídico",
    "ATDT": "Oficina de la Persona Titular de la Agencia",
    "SMUJERES": "Oficina de la C. Secretaria",
}

# -- unit templates ---------------------------------------------------------------------------------
# Kinds of top-level (DG-level) units. "digital" kinds hold most of the digital, data and ICT staff.
DIGITAL_UNIT_KINDS: frozenset[str] = frozenset({"ti", "data", "digital"})

# Default names of the standard top-level units.
CORE_UNITS: dict[str, str] = {
    "uaf": "Unidad de Administración y Finanzas",
    "rh": "Dirección General de Recursos Humanos",
    "ti": "Dirección General de Tecnologías de la Información",
    "oic": "Órgano Interno de Control",
    "legal": "Unidad de Asuntos Jurídicos",
    "comms": "Dirección General de Comunicación Social",
    "planning": "Dirección General de Planeación y Evaluación",
}
DATA_UNITS: tuple[str, ...] = (
    "Dirección General de Estadística y Análisis de Datos",
    "Dirección General de Análisis de Datos",
    "Dirección General de Estadística e Información",
    "Unidad de Inteligencia de Datos",
)
DIGITAL_UNITS: tuple[str, ...] = (
    "Unidad de Gobierno Digital",
    "Unidad de Transformación Digital",
)
# Agency-specific names of standard units.
CORE_OVERRIDES: dict[str, dict[str, str]] = {
    "SAT": {
        "uaf": "Administración General de Recursos y Servicios",
        "ti": "Administración General de Comunicaciones y Tecnologías de la Información",
        "legal": "Administración General Jurídica",
        "planning": "Administración General de Planeación",
        "rh": "Administración Central de Recursos Humanos",
    },
    "CONAGUA": {
        "uaf": "Subdirección General de Administración",
        "ti": "Coordinación General de Tecnologías de la Información",
        "planning": "Subdirección General de Planeación",
        "legal": "Subdirección General Jurídica",
    },
    "IMSS": {
        "uaf": "Dirección de Administración",
        "ti": "Dirección de Innovación y Desarrollo Tecnológico",
        "legal": "Dirección Jurídica",
        "planning": "Dirección de Planeación para la Transformación Institucional",
    },
}
# Substantive units of well-known agencies: (name, kind), kind one of "program", "planning", "data",
# "digital" or "ti" (the last three are digital units).
AGENCY_UNITS: dict[str, tuple[tuple[str, str], ...]] = {
    "SHCP": (
        ("Unidad de Política de Ingresos Tributarios", "program"),
        ("Unidad de Crédito Público y Asuntos Internacionales de Hacienda", "program"),
        ("Unidad de Planeación Económica de la Hacienda Pública", "planning"),
        ("Unidad de Inteligencia Financiera", "data"),
        ("Unidad de Banca, Valores y Ahorro", "program"),
        ("Unidad de Seguros, Pensiones y Seguridad Social", "program"),
        ("Unidad de Política y Control Presupuestario", "program"),
        ("Unidad de Evaluación del Desempeño", "planning"),
        ("Tesorería de la Federación", "program"),
        ("Unidad de Contabilidad Gubernamental", "program"),
    ),
    "SEP": (
        ("Dirección General de Educación Indígena, Intercultural y Bilingüe", "program"),
        ("Dirección General de Bachillerato", "program"),
        ("Dirección General de Profesiones", "program"),
        ("Dirección General de Planeación, Programación y Estadística Educativa", "data"),
        ("Dirección General de Acreditación, Incorporación y Revalidación", "program"),
        ("Dirección General de Educación Superior Universitaria e Intercultural", "program"),
        ("Dirección General de Materiales Educativos", "program"),
        ("Dirección General de Televisión Educativa", "program"),
        ("Dirección General de Desarrollo Curricular", "program"),
        ("Dirección General de Formación Continua a Docentes y Directivos", "program"),
    ),
    "SSA": (
        ("Dirección General de Epidemiología", "program"),
        ("Dirección General de Información en Salud", "data"),
        ("Dirección General de Promoción de la Salud", "program"),
        ("Dirección General de Calidad y Educación en Salud", "program"),
        ("Dirección General de Evaluación del Desempeño", "planning"),
        ("Dirección General de Planeación y Desarrollo en Salud", "planning"),
        ("Dirección General de Políticas de Investigación en Salud", "program"),
        ("Dirección General de Relaciones Internacionales", "program"),
        ("Centro Nacional de Programas Preventivos y Control de Enfermedades", "program"),
        ("Centro Nacional de Equidad de Género y Salud Reproductiva", "program"),
    ),
    "SEMARNAT": (
        ("Dirección General de Impacto y Riesgo Ambiental", "program"),
        ("Dirección General de Gestión Forestal y de Suelos", "program"),
        ("Dirección General de Estadística e Información Ambiental", "data"),
        ("Dirección General de Vida Silvestre", "program"),
        ("Dirección General de Zona Federal Marítimo Terrestre y Ambientes Costeros", "program"),
        ("Dirección General de Políticas para el Cambio Climático", "program"),
        ("Dirección General de Gestión Integral de Materiales y Actividades Riesgosas", "program"),
        ("Dirección General de Gestión de la Calidad del Aire y Registro de Emisiones y Transferencia de "
         "Contaminantes", "program"),
    ),
    "SE": (
        ("Dirección General de Normas", "program"),
        ("Dirección General de Comercio Exterior", "program"),
        ("Dirección General de Inversión Extranjera", "program"),
        ("Dirección General de Industrias Pesadas y de Alta Tecnología", "program"),
        ("Dirección General de Minas", "program"),
        ("Dirección General de Normatividad Mercantil", "program"),
        ("Unidad de Prácticas Comerciales Internacionales", "program"),
        ("Dirección General de Innovación, Servicios y Comercio Interior", "program"),
    ),
    "SADER": (
        ("Dirección General de Fomento a la Agricultura", "program"),
        ("Dirección General de Zonas Tropicales", "program"),
        ("Coordinación General de Ganadería", "program"),
        ("Dirección General de Desarrollo Territorial y Organización Rural", "program"),
        ("Dirección General de Logística y Alimentación", "program"),
        ("Dirección General de Productividad y Desarrollo Tecnológico", "program"),
    ),
    "SICT": (
        ("Dirección General de Carreteras", "program"),
        ("Dirección General de Autotransporte Federal", "program"),
        ("Dirección General de Conservación de Carreteras", "program"),
        ("Dirección General de Desarrollo Ferroviario y Multimodal", "program"),
        ("Dirección General de Puertos", "program"),
        ("Dirección General de Servicios Técnicos", "program"),
        ("Dirección General de Protección y Medicina Preventiva en el Transporte", "program"),
        ("Dirección General de Política de Telecomunicaciones y de Radiodifusión", "program"),
    ),
    "STPS": (
        ("Dirección General de Inspección Federal del Trabajo", "program"),
        ("Dirección General de Investigación y Estadísticas del Trabajo", "data"),
        ("Dirección General de Previsión Social", "program"),
        ("Dirección General de Capacitación, Adiestramiento y Productividad Laboral", "program"),
        ("Dirección General del Servicio Nacional de Empleo", "program"),
        ("Unidad de Trabajo Digno", "program"),
        ("Dirección General de Registro de Asociaciones", "program"),
    ),
    "SEDATU": (
        ("Dirección General de Ordenamiento Territorial", "program"),
        ("Dirección General de Desarrollo Urbano, Suelo y Vivienda", "program"),
        ("Dirección General de Inventarios y Modernización Registral y Catastral", "data"),
        ("Dirección General de Rescate de Espacios Públicos", "program"),
        ("Dirección General de Concertación Agraria", "program"),
        ("Unidad de Proyectos Estratégicos para el Desarrollo Urbano", "program"),
    ),
    "SENER": (
        ("Dirección General de Generación y Transmisión de Energía Eléctrica", "program"),
        ("Dirección General de Petrolíferos", "program"),
        ("Dirección General de Planeación e Información Energéticas", "data"),
        ("Dirección General de Gas Natural y Petroquímicos", "program"),
        ("Dirección General de Energías Limpias", "program"),
        ("Dirección General de Exploración y Extracción de Hidrocarburos", "program"),
    ),
    "SECTUR": (
        ("Dirección General de Planeación Estratégica y Política Turística", "planning"),
        ("Dirección General de Innovación del Producto Turístico", "program"),
        ("Dirección General de Integración de Información Sectorial", "data"),
        ("Dirección General de Certificación Turística", "program"),
        ("Dirección General de Normalización y Calidad Regulatoria Turística", "program"),
        ("Dirección General de Impulso al Financiamiento e Inversiones Turísticas", "program"),
    ),
    "SAT": (
        ("Administración General de Recaudación", "program"),
        ("Administración General de Auditoría Fiscal Federal", "program"),
        ("Administración General de Servicios al Contribuyente", "program"),
        ("Administración General de Grandes Contribuyentes", "program"),
        ("Administración General de Auditoría de Comercio Exterior", "program"),
        ("Administración General de Hidrocarburos", "program"),
    ),
    "CONAGUA": (
        ("Subdirección General Técnica", "program"),
        ("Subdirección General de Agua Potable, Drenaje y Saneamiento", "program"),
        ("Subdirección General de Infraestructura Hidroagrícola", "program"),
        ("Subdirección General de Administración del Agua", "program"),
        ("Coordinación General del Servicio Meteorológico Nacional", "data"),
    ),
    "IMPI": (
        ("Dirección Divisional de Patentes", "program"),
        ("Dirección Divisional de Marcas", "program"),
        ("Dirección Divisional de Protección a la Propiedad Intelectual", "program"),
        ("Dirección Divisional de Promoción y Servicios de Información Tecnológica", "data"),
    ),
    "COFEPRIS": (
        ("Comisión de Evidencia y Manejo de Riesgos", "program"),
        ("Comisión de Autorización Sanitaria", "program"),
        ("Comisión de Operación Sanitaria", "program"),
        ("Comisión de Fomento Sanitario", "program"),
        ("Comisión de Control Analítico y Ampliación de Cobertura", "program"),
    ),
    "SEGOB": (
        ("Dirección General del Registro Nacional de Población e Identidad", "data"),
        ("Unidad de Política Migratoria, Registro e Identidad de Personas", "program"),
        ("Dirección General de Normatividad de Comunicación", "program"),
        ("Unidad de Gobierno", "program"),
        ("Dirección General de Asociaciones Religiosas", "program"),
    ),
    "SRE": (
        ("Dirección General de Servicios Consulares", "program"),
        ("Dirección General de Protección Consular y Planeación Estratégica", "program"),
        ("Dirección General de Delegaciones", "program"),
        ("Dirección General para América del Norte", "program"),
        ("Dirección General de Organismos y Mecanismos Regionales Americanos", "program"),
    ),
    "BIENESTAR": (
        ("Unidad de Programas para el Bienestar", "program"),
        ("Dirección General de Padrones de Beneficiarios", "data"),
        ("Dirección General de Atención a Grupos Prioritarios", "program"),
        ("Dirección General de Políticas Sociales", "program"),
    ),
    "SABG": (
        ("Unidad de Auditoría Gubernamental", "program"),
        ("Unidad de Política de Contrataciones Públicas", "program"),
        ("Unidad de Política de Recursos Humanos de la Administración Pública Federal", "program"),
        ("Dirección General de Denuncias e Investigaciones", "program"),
        ("Unidad de Gobierno Abierto y Transparencia", "program"),
    ),
    "ATDT": (
        ("Dirección General de Trámites Digitales", "digital"),
        ("Dirección General de Infraestructura Digital", "ti"),
        ("Dirección General de Ciberseguridad", "ti"),
        ("Dirección General de Política de Telecomunicaciones y Radiodifusión", "program"),
    ),
}
# Generic substantive units for agencies without a list above (and after a list runs out).
GENERIC_PROGRAM_UNITS: tuple[str, ...] = (
    "Dirección General de Operación",
    "Dirección General de Normatividad",
    "Dirección General de Vinculación Interinstitucional",
    "Dirección General de Políticas Públicas",
    "Dirección General de Atención Ciudadana",
    "Dirección General de Asuntos Internacionales",
    "Dirección General de Supervisión y Verificación",
    "Dirección General de Servicios Técnicos",
    "Dirección General de Coordinación Regional",
    "Dirección General de Investigación y Desarrollo",
    "Dirección General de Programas Prioritarios",
    "Dirección General de Proyectos Estratégicos",
    "Dirección General de Innovación",
    "Dirección General de Registro y Control",
    "Dirección General de Fomento",
    "Dirección General de Seguimiento Institucional",
    "Dirección General de Estudios y Proyectos",
    "Dirección General de Cooperación y Desarrollo",
)
# Regional offices of big agencies: a pattern with {state}.
REGIONAL_PATTERN = "Oficina de Representación en {state}"
REGIONAL_OVERRIDES: dict[str, str] = {
    "SAT": "Administración Desconcentrada de Recaudación de {state}",
    "CONAGUA": "Dirección Local {state}",
    "IMSS": "Órgano de Operación Administrativa Desconcentrada en {state}",
    "SRE": "Delegación de la SRE en {state}",
}

# Direcciones de área below each kind of top-level unit: (name, role hints). Hints are substrings of
# digital role codes or role family codes that fit the unit (used to pick who works there).
DIRECTIONS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "root": (
        ("Dirección de Control de Gestión", ()),
        ("Dirección de Asesoría Técnica", ()),
        ("Dirección de Agenda y Giras", ()),
    ),
    "uaf": (
        ("Dirección de Programación y Presupuesto", ()),
        ("Dirección de Contabilidad", ()),
        ("Dirección de Adquisiciones y Contratos", ()),
        ("Dirección de Recursos Materiales", ()),
        ("Dirección de Servicios Generales", ()),
        ("Dirección de Control Patrimonial", ()),
        ("Dirección de Tesorería", ()),
    ),
    "rh": (
        ("Dirección de Nómina y Pagos", ()),
        ("Dirección de Profesionalización y Capacitación", ()),
        ("Dirección de Relaciones Laborales", ()),
        ("Dirección del Servicio Profesional de Carrera", ()),
        ("Dirección de Planeación de Recursos Humanos", ()),
        ("Dirección de Prestaciones y Servicios al Personal", ()),
    ),
    "ti": (
        ("Dirección de Infraestructura Tecnológica", ("infrastructure", "it-service")),
        ("Dirección de Desarrollo de Sistemas", ("software", "delivery", "business-analyst")),
        ("Dirección de Seguridad de la Información", ("cyber", "security")),
        ("Dirección de Servicios de Tecnologías de la Información", ("it-service", "infrastructure")),
        ("Dirección de Arquitectura Tecnológica", ("architect",)),
        ("Dirección de Gobierno de Datos", ("data-architect", "data-engineer", "data")),
        ("Dirección de Telecomunicaciones", ("infrastructure", "cyber")),
        ("Dirección de Transformación Digital", ("transformation", "product", "delivery")),
    ),
    "digital": (
        ("Dirección de Trámites y Servicios Digitales", ("product", "service-designer", "software")),
        ("Dirección de Experiencia de Usuario", ("user-researcher", "service-designer", "design")),
        ("Dirección de Interoperabilidad", ("architect", "software", "data-engineer")),
        ("Dirección de Productos Digitales", ("product", "delivery", "software")),
        ("Dirección de Transformación Digital", ("transformation", "product", "business-analyst")),
    ),
    "data": (
        ("Dirección de Ciencia de Datos", ("data-scientist", "data-analyst")),
        ("Dirección de Estadística", ("data-analyst", "data-scientist")),
        ("Dirección de Inteligencia de Negocios", ("data-analyst", "business-analyst")),
        ("Dirección de Ingeniería de Datos", ("data-engineer", "data-architect")),
        ("Dirección de Calidad de la Información", ("data-architect", "data-analyst")),
        ("Dirección de Análisis Geoespacial", ("data-scientist", "data-analyst")),
    ),
    "oic": (
        ("Área de Auditoría Interna, de Desarrollo y Mejora de la Gestión Pública", ()),
        ("Área de Quejas, Denuncias e Investigaciones", ()),
        ("Área de Responsabilidades", ()),
    ),
    "legal": (
        ("Dirección de lo Contencioso", ()),
        ("Dirección Consultiva", ()),
        ("Dirección de Normatividad", ()),
        ("Dirección de Amparos y Procedimientos Administrativos", ()),
    ),
    "comms": (
        ("Dirección de Información", ()),
        ("Dirección de Medios Digitales", ()),
        ("Dirección de Imagen Institucional", ()),
    ),
    "planning": (
        ("Dirección de Planeación", ()),
        ("Dirección de Seguimiento y Evaluación", ()),
        ("Dirección de Indicadores y Estadística", ()),
        ("Dirección de Estudios Económicos", ()),
        ("Dirección de Programas Sectoriales", ()),
    ),
    "program": (
        ("Dirección de Planeación", ()),
        ("Dirección de Operación", ()),
        ("Dirección de Seguimiento y Evaluación", ()),
        ("Dirección de Normatividad", ()),
        ("Dirección de Vinculación", ()),
        ("Dirección de Programas Regionales", ()),
        ("Dirección de Proyectos Especiales", ()),
        ("Dirección de Análisis y Estudios", ()),
        ("Dirección de Coordinación Institucional", ()),
    ),
    "regional": (),
}

# Topics of subdirecciones, jefaturas and enlaces in each kind of unit ("Jefa de Departamento de Nómina").
SUBTOPICS: dict[str, tuple[str, ...]] = {
    "root": ("Control de Gestión", "Seguimiento de Acuerdos", "Atención Ciudadana", "Logística", "Agenda"),
    "uaf": ("Presupuesto", "Contabilidad", "Adquisiciones", "Almacenes", "Inventarios", "Mantenimiento",
            "Servicios Generales", "Control Patrimonial", "Tesorería", "Conciliaciones", "Viáticos"),
    "rh": ("Nómina", "Capacitación", "Relaciones Laborales", "Ingreso", "Evaluación del Desempeño",
           "Prestaciones", "Movimientos de Personal", "Estructuras Ocupacionales", "Certificación"),
    "ti": ("Infraestructura", "Redes y Telecomunicaciones", "Centro de Datos", "Mesa de Servicio",
           "Bases de Datos", "Desarrollo de Aplicaciones", "Ciberseguridad", "Soporte Técnico",
           "Cómputo en la Nube", "Licenciamiento", "Calidad de Software"),
    "digital": ("Trámites Digitales", "Experiencia de Usuario", "Interoperabilidad", "Productos Digitales",
                "Portales", "Datos Abiertos"),
    "data": ("Ciencia de Datos", "Estadística", "Análisis de Datos", "Información Geoespacial",
             "Calidad de Datos", "Tableros de Control"),
    "oic": ("Auditoría", "Quejas y Denuncias", "Investigaciones", "Responsabilidades", "Control Interno"),
    "legal": ("lo Contencioso", "Amparos", "Consulta Jurídica", "Normatividad", "Contratos y Convenios"),
    "comms": ("Información", "Redes Sociales", "Diseño", "Monitoreo de Medios", "Prensa"),
    "planning": ("Planeación", "Evaluación", "Indicadores", "Estudios Económicos", "Programas Sectoriales"),
    "program": ("Operación", "Seguimiento", "Normatividad", "Vinculación", "Programas", "Proyectos",
                "Coordinación", "Padrones", "Supervisión", "Análisis"),
    "regional": ("Operación Regional", "Atención Ciudadana", "Programas Federales", "Administración",
                 "Supervisión"),
}

# Topics for digital roles in position titles ("Subdirectora de Ciencia de Datos"), by role code; other
# roles fall back to the role family's Spanish name.
ROLE_TOPICS: dict[str, str] = {
    "digital-transformation-officer": "Transformación Digital",
    "product-manager": "Gestión de Productos Digitales",
    "delivery-manager": "Gestión de Proyectos Digitales",
    "business-analyst": "Análisis de Negocio",
    "user-researcher": "Investigación con Personas Usuarias",
    "service-designer": "Diseño de Servicios Digitales",
    "data-scientist": "Ciencia de Datos",
    "data-analyst": "Análisis de Datos",
    "data-engineer": "Ingeniería de Datos",
    "data-architect": "Arquitectura de Datos",
    "software-developer": "Desarrollo de Software",
    "infrastructure-engineer": "Infraestructura y Nube",
    "technical-architect": "Arquitectura Tecnológica",
    "cyber-security-analyst": "Ciberseguridad",
    "it-service-manager": "Servicios de Tecnologías de la Información",
}
# Digital roles most likely outside the digital units (analysts in planning and program areas).
SCATTERED_ROLE_HINTS: tuple[str, ...] = ("data-analyst", "business-analyst", "service-designer",
                                         "delivery-manager", "user-researcher", "data-scientist")

# -- states -----------------------------------------------------------------------------------------
# (CURP code, name, population in millions, 2020 census). Birth states are drawn by population, with
# Mexico City (DF in the CURP) and the State of Mexico over-represented among federal staff.
STATES: tuple[tuple[str, str, float], ...] = (
    ("AS", "Aguascalientes", 1.43), ("BC", "Baja California", 3.77), ("BS", "Baja California Sur", 0.80),
    ("CC", "Campeche", 0.93), ("CL", "Coahuila", 3.15), ("CM", "Colima", 0.73), ("CS", "Chiapas", 5.54),
    ("CH", "Chihuahua", 3.74), ("DF", "Ciudad de México", 9.21), ("DG", "Durango", 1.83),
    ("GT", "Guanajuato", 6.17), ("GR", "Guerrero", 3.54), ("HG", "Hidalgo", 3.08), ("JC", "Jalisco", 8.35),
    ("MC", "el Estado de México", 16.99), ("MN", "Michoacán", 4.75), ("MS", "Morelos", 1.97),
    ("NT", "Nayarit", 1.24), ("NL", "Nuevo León", 5.78), ("OC", "Oaxaca", 4.13), ("PL", "Puebla", 6.58),
    ("QT", "Querétaro", 2.37), ("QR", "Quintana Roo", 1.86), ("SP", "San Luis Potosí", 2.82),
    ("SL", "Sinaloa", 3.03), ("SR", "Sonora", 2.94), ("TC", "Tabasco", 2.40), ("TS", "Tamaulipas", 3.53),
    ("TL", "Tlaxcala", 1.34), ("VZ", "Veracruz", 8.06), ("YN", "Yucatán", 2.32), ("ZS", "Zacatecas", 1.62),
)
BORN_ABROAD = "NE"

# -- people -----------------------------------------------------------------------------------------
# (name, relative frequency). Compound names are common; "María" and "José" as a first name are skipped
# by the CURP rules in favour of the second name.
GIVEN_NAMES_F: tuple[tuple[str, int], ...] = (
    ("María Guadalupe", 40), ("Guadalupe", 22), ("María", 18), ("Verónica", 16), ("Patricia", 18),
    ("Gabriela", 18), ("Alejandra", 18), ("Adriana", 16), ("Leticia", 12), ("Rosa María", 12),
    ("Claudia", 16), ("Laura", 15), ("Mónica", 13), ("Elizabeth", 13), ("Araceli", 10), ("Silvia", 11),
    ("Martha", 10), ("Margarita", 9), ("Teresa", 7), ("Sandra", 12), ("Norma", 9), ("Lorena", 9),
    ("Ana María", 10), ("María Fernanda", 14), ("Daniela", 14), ("Andrea", 14), ("Karla", 11),
    ("Mariana", 13), ("Fernanda", 9), ("Paola", 9), ("Diana", 11), ("Brenda", 9), ("Karen", 9),
    ("Ximena", 7), ("Valeria", 9), ("Sofía", 7), ("Lucía", 6), ("Itzel", 6), ("Jazmín", 5), ("Rocío", 9),
    ("Yolanda", 7), ("Beatriz", 7), ("Carmen", 6), ("María del Carmen", 12), ("María de Lourdes", 10),
    ("María Isabel", 8), ("Ana Laura", 7), ("Erika", 9), ("Liliana", 8), ("Nancy", 7), ("Cecilia", 6),
    ("Luz María", 7), ("Elena", 5), ("Alma Delia", 5), ("Angélica", 8), ("Susana", 7), ("Irma", 5),
    ("Rosario", 5), ("Esther", 4), ("Josefina", 4), ("Blanca Estela", 4), ("Dulce María", 5),
    ("Ana Karen", 5), ("Miriam", 6), ("Nayeli", 4), ("Fabiola", 5), ("María de los Ángeles", 8),
    ("María José", 6), ("Ana Paola", 4), ("Alejandra Guadalupe", 3), ("Citlali", 3), ("Xóchitl", 3),
    ("Yazmín", 3), ("Gisela", 3), ("Estefanía", 4), ("Viridiana", 5), ("Berenice", 4), ("Janet", 4),
)
GIVEN_NAMES_M: tuple[tuple[str, int], ...] = (
    ("José Luis", 30), ("Juan Carlos", 26), ("Miguel Ángel", 26), ("Jorge", 18), ("Luis", 16),
    ("Carlos", 18), ("Alejandro", 20), ("Francisco", 14), ("Juan", 16), ("José", 14), ("Ricardo", 13),
    ("Fernando", 13), ("Roberto", 12), ("Eduardo", 13), ("Javier", 12), ("Daniel", 14), ("Sergio", 11),
    ("Arturo", 11), ("Raúl", 9), ("Héctor", 9), ("Manuel", 9), ("Víctor Hugo", 9), ("Óscar", 10),
    ("Rafael", 9), ("Mario", 9), ("Enrique", 8), ("Alberto", 7), ("Gerardo", 9), ("Antonio", 8),
    ("Pedro", 6), ("Jesús", 9), ("Martín", 7), ("Gabriel", 7), ("Andrés", 6), ("Diego", 8),
    ("Luis Fernando", 8), ("Jorge Alberto", 6), ("Juan Manuel", 9), ("Pablo", 5), ("Hugo", 5),
    ("Ramón", 4), ("Armando", 6), ("Alfredo", 5), ("Guillermo", 6), ("Ernesto", 5), ("Rodrigo", 7),
    ("Salvador", 4), ("Adrián", 7), ("Iván", 6), ("Omar", 6), ("Emmanuel", 5), ("Israel", 5), ("Édgar", 7),
    ("Marco Antonio", 9), ("Luis Alberto", 6), ("Julio César", 8), ("José Antonio", 9), ("José Manuel", 7),
    ("Juan Pablo", 7), ("Carlos Alberto", 6), ("Ángel", 5), ("Gustavo", 6), ("Cristian", 4), ("Ulises", 3),
    ("Moisés", 3), ("Abraham", 3), ("Rubén", 6), ("Leonardo", 4), ("Samuel", 3), ("Santiago", 3),
    ("Sebastián", 3), ("Emiliano", 3), ("Mauricio", 6), ("Octavio", 4), ("Felipe", 4), ("Agustín", 3),
    ("Ignacio", 3), ("José de Jesús", 5), ("Jesús Alberto", 4), ("Erick", 4), ("Aldo", 3), ("Said", 2),
)
SURNAMES: tuple[tuple[str, int], ...] = (
    ("Hernández", 100), ("García", 75), ("Martínez", 68), ("López", 63), ("González", 60), ("Pérez", 48),
    ("Rodríguez", 46), ("Sánchez", 45), ("Ramírez", 42), ("Cruz", 32), ("Flores", 30), ("Gómez", 30),
    ("Morales", 25), ("Vázquez", 24), ("Reyes", 24), ("Jiménez", 23), ("Torres", 22), ("Díaz", 21),
    ("Gutiérrez", 21), ("Ruiz", 19), ("Mendoza", 19), ("Aguilar", 19), ("Ortiz", 17), ("Moreno", 17),
    ("Castillo", 17), ("Romero", 16), ("Álvarez", 15), ("Méndez", 15), ("Chávez", 15), ("Rivera", 14),
    ("Juárez", 14), ("Ramos", 14), ("Domínguez", 13), ("Herrera", 13), ("Medina", 13), ("Castro", 12),
    ("Vargas", 12), ("Guzmán", 12), ("Velázquez", 11), ("Muñoz", 11), ("Rojas", 10), ("Contreras", 10),
    ("Salazar", 10), ("Luna", 10), ("Ortega", 10), ("de la Cruz", 9), ("Guerrero", 9), ("Santiago", 9),
    ("Estrada", 9), ("Bautista", 9), ("Cortés", 9), ("Soto", 8), ("Alvarado", 8), ("Espinoza", 8),
    ("Lara", 8), ("Ávila", 8), ("Ríos", 8), ("Cervantes", 7), ("Silva", 7), ("Delgado", 7), ("Vega", 7),
    ("Márquez", 7), ("Sandoval", 7), ("Fernández", 7), ("León", 7), ("Carrillo", 6), ("Mejía", 6),
    ("Solís", 6), ("Núñez", 6), ("Rosas", 6), ("Valdez", 6), ("Ibarra", 6), ("Campos", 6), ("Santos", 5),
    ("Camacho", 5), ("Navarro", 5), ("Peña", 5), ("Maldonado", 5), ("Rosales", 5), ("Acosta", 5),
    ("Miranda", 5), ("Trejo", 4), ("Valencia", 4), ("Nava", 4), ("Pacheco", 4), ("Huerta", 4),
    ("Padilla", 4), ("Molina", 4), ("Ochoa", 4), ("Escobar", 3), ("Zúñiga", 3), ("Galván", 3),
    ("Cabrera", 3), ("Fuentes", 3), ("Tapia", 3), ("Villegas", 3), ("Salinas", 3), ("Trujillo", 3),
    ("Ayala", 3), ("Hidalgo", 3), ("Figueroa", 3), ("Rangel", 3), ("Osorio", 3), ("Orozco", 3),
    ("Sosa", 3), ("Montes", 3), ("Mora", 3), ("Córdova", 3), ("Lozano", 3), ("Velasco", 3), ("Cuevas", 3),
    ("Ponce", 3), ("Benítez", 3), ("Meza", 3), ("Zamora", 3), ("Cárdenas", 3), ("del Ángel", 2),
    ("de León", 2), ("Ibáñez", 2), ("Arellano", 2), ("Beltrán", 2), ("Quintero", 2), ("Zavala", 2),
    ("Arias", 2), ("Saldaña", 2), ("Peralta", 2), ("Muñiz", 2), ("Yáñez", 2), ("Ordóñez", 2),
    ("Xicoténcatl", 1), ("Uc", 1), ("Pech", 1), ("Can", 1), ("Ek", 1), ("Ángeles", 2), ("Olvera", 2),
)
# Single-word particles skipped when taking letters of a name for the CURP and RFC.
NAME_PARTICLES: frozenset[str] = frozenset(
    {"DA", "DAS", "DE", "DEL", "DER", "DI", "DIE", "DD", "EL", "LA", "LOS", "LAS", "LE", "LES", "MAC", "MC",
     "VAN", "VON", "Y"}
)
# A first given name skipped (in favour of the second) by the CURP and RFC rules.
SKIPPED_FIRST_NAMES: frozenset[str] = frozenset({"MARIA", "MA", "MA.", "M.", "JOSE", "J", "J."})

# Four-letter words RENAPO and the SAT do not allow at the start of a CURP or RFC (Anexo 2 of the CURP
# instructions); the second letter (CURP) or the last letter (RFC) becomes an X.
INCONVENIENT_WORDS: frozenset[str] = frozenset(
    (
        "BACA", "BAKA", "BUEI", "BUEY", "CACA", "CACO", "CAGA", "CAGO", "CAKA", "CAKO", "COGE", "COGI",
        "COJA", "COJE", "COJI", "COJO", "COLA", "CULO", "FALO", "FETO", "GETA", "GUEI", "GUEY", "JETA",
        "JOTO", "KACA", "KACO", "KAGA", "KAGO", "KAKA", "KAKO", "KOGE", "KOGI", "KOJA", "KOJE", "KOJI",
        "KOJO", "KOLA", "KULO", "LILO", "LOCA", "LOCO", "LOKA", "LOKO", "MAME", "MAMO", "MEAR", "MEAS",
        "MEON", "MIAR", "MION", "MOCO", "MOKO", "MULA", "MULO", "NACA", "NACO", "PEDA", "PEDO", "PENE",
        "PIPI", "PITO", "POPO", "PUTA", "PUTO", "QULO", "RATA", "ROBA", "ROBE", "ROBO", "RUIN", "SENO",
        "TETA", "VACA", "VAGA", "VAGO", "VAKA", "VUEI", "VUEY", "WUEI", "WUEY",
    )
)
